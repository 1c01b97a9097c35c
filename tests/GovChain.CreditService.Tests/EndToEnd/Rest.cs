using System.Net;
using System.Text;
using Google.Protobuf;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>REST calls with proto3 JSON bodies (what JSON transcoding expects), through a signed <see cref="HttpClient"/>.</summary>
public static class Rest
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string path, IMessage body)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var content = new StringContent(JsonFormatter.Default.Format(body), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative)).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public static T Parse<T>(string json)
        where T : IMessage, new() => Parser.Parse<T>(json);
}
