namespace GovChain.CreditService.Data;

/// <summary>Administrative division codes (GB/T 2260): the province prefixes that IDs may carry, and real districts for synthetic data.</summary>
internal static class Regions
{
    /// <summary>First two digits of every province-level division, plus 81-83 for Hong Kong, Macao and Taiwan residence permits.</summary>
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ];

    private static readonly (string Code, string City)[] Districts =
    [
        ("110101", "北京"), ("110105", "北京"), ("120101", "天津"), ("310101", "上海"), ("310115", "上海"),
        ("320102", "南京"), ("330106", "杭州"), ("350102", "福州"), ("370202", "青岛"), ("420106", "武汉"),
        ("440106", "广州"), ("440305", "深圳"), ("500103", "重庆"), ("510107", "成都"), ("610113", "西安"),
    ];

    public static bool IsProvince(int twoDigits) => Provinces.Contains(twoDigits);

    public static string PickDivision(Random random) => Districts[random.Next(Districts.Length)].Code;

    public static string CityOf(string divisionCode) =>
        Array.Find(Districts, d => d.Code == divisionCode).City ?? "本地";
}
