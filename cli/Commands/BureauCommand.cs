using System.CommandLine;
using System.Globalization;
using GovChain.CreditService.Client;
using GovChain.CreditService.Protos;
using GovChain.He;
using Google.Protobuf;
using Grpc.Core;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain bureau keygen|query`: a bureau's encrypted scoring from the command line. keygen writes its BFV keys as
/// SEAL 4.1 files (the secret key 0600); query uploads the public keys to an agency's service node, sends the model
/// weights encrypted under them, and decrypts the returned score — the node never sees the weights or the score.
/// </summary>
internal static class BureauCommand
{
    private const string Parameters = "parameters.seal";
    private const string PublicKeyFile = "public-key.seal";
    private const string GaloisKeysFile = "galois-keys.seal";
    private const string SecretKeyFile = "secret-key.seal";

    public static Command Create()
    {
        var command = new Command("bureau", "A bureau's encrypted credit queries: BFV keys, and queries that only the bureau can decrypt");
        command.Subcommands.Add(Keygen());
        command.Subcommands.Add(Query());
        return command;
    }

    private static Command Keygen()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Directory for the four SEAL files", Required = true };
        var n = new Option<int>("--n") { Description = "Polynomial degree: 4096 or 8192", DefaultValueFactory = _ => 8192 };
        var command = new Command("keygen", $"Write {Parameters}, {PublicKeyFile}, {GaloisKeysFile} and {SecretKeyFile} (0600)") { dir, n };
        command.SetAction(parse =>
        {
            var degree = parse.GetValue(n);
            if (degree is not (4096 or 8192))
            {
                throw new CliInputException("--n must be 4096 or 8192");
            }

            var target = parse.GetRequiredValue(dir).FullName;
            if (File.Exists(Path.Combine(target, SecretKeyFile)))
            {
                throw new CliInputException($"{target} already holds bureau keys");
            }

            Directory.CreateDirectory(target);
            var keys = BureauScoringKeys.Generate(EncryptionParameters.BfvDefault(degree));
            CliFiles.WriteAtomically(Path.Combine(target, SecretKeyFile), keys.SaveSecretKey(), secret: true);
            CliFiles.WriteAtomically(Path.Combine(target, Parameters), keys.ParametersBlob);
            CliFiles.WriteAtomically(Path.Combine(target, PublicKeyFile), keys.PublicKeyBlob);
            CliFiles.WriteAtomically(Path.Combine(target, GaloisKeysFile), keys.GaloisKeysBlob);
            Console.Out.WriteLine(target);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Query()
    {
        var service = new Option<string>("--service") { Description = "The agency node's gRPC endpoint, e.g. http://127.0.0.1:7300", Required = true };
        var actor = new Option<string>("--actor") { Description = "The bureau's participant id", Required = true };
        var key = new Option<string>("--key") { Description = "The bureau's SM2 private key (PEM file or hex)", Required = true };
        var keys = new Option<DirectoryInfo>("--keys") { Description = "Directory written by `bureau keygen`", Required = true };
        var consent = new Option<string>("--consent") { Description = "The subject's consent id", Required = true };
        var subject = new Option<string>("--subject") { Description = "The subject's participant id", Required = true };
        var model = new Option<string>("--model") { Description = "Scoring model id (see GET /v1/models)", Required = true };
        var weights = new Option<FileInfo>("--weights") { Description = "JSON array with one integer weight per model feature", Required = true };
        var queryId = new Option<string?>("--query-id") { Description = "Reuse an id to retry a query that failed mid-way (never recorded twice)" };
        var command = new Command("query", "Run one encrypted scoring query; prints score=… query_id=… height=… leaf=…")
        {
            service, actor, key, keys, consent, subject, model, weights, queryId,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetRequiredValue(keys).FullName;
            BureauScoringKeys bureauKeys;
            try
            {
                bureauKeys = BureauScoringKeys.Load(Read(folder, Parameters), Read(folder, SecretKeyFile), Read(folder, PublicKeyFile), Read(folder, GaloisKeysFile));
            }
            catch (HeFormatException e)
            {
                throw new CliInputException($"{folder}: {e.Message}");
            }

            var w = HeCommand.ReadIntegers(parse.GetRequiredValue(weights), bureauKeys.Context);
            if (!Uri.TryCreate(parse.GetRequiredValue(service), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw new CliInputException("--service must be an http:// or https:// URL, e.g. http://127.0.0.1:7300");
            }

            using var client = CreditServiceClient.Connect(endpoint, endpoint, parse.GetRequiredValue(actor), CliFiles.ReadPrivateKey(parse.GetRequiredValue(key)));
            try
            {
                var models = await client.Queries.ListModelsAsync(new ListModelsRequest(), cancellationToken: cancel);
                var info = models.Models.FirstOrDefault(m => m.ModelId == parse.GetRequiredValue(model))
                    ?? throw new CliInputException($"unknown model {parse.GetRequiredValue(model)}; the node offers {string.Join(", ", models.Models.Select(m => m.ModelId))}");
                if (w.Length != info.Features.Count)
                {
                    throw new CliInputException($"model {info.ModelId} has {info.Features.Count} features ({string.Join(", ", info.Features)}), the weights file has {w.Length}");
                }

                var keyId = (await client.Queries.RegisterKeysAsync(new RegisterKeysRequest
                {
                    Parameters = ByteString.CopyFrom(bureauKeys.ParametersBlob), PublicKey = ByteString.CopyFrom(bureauKeys.PublicKeyBlob),
                    GaloisKeys = ByteString.CopyFrom(bureauKeys.GaloisKeysBlob),
                }, cancellationToken: cancel)).KeyId;
                var reply = await client.Queries.RunAsync(new RunQueryRequest
                {
                    QueryId = parse.GetValue(queryId) ?? $"q-{Guid.NewGuid():N}", ConsentId = parse.GetRequiredValue(consent), Subject = parse.GetRequiredValue(subject),
                    ModelId = info.ModelId, KeyId = keyId, EncryptedWeights = ByteString.CopyFrom(bureauKeys.EncryptWeights(w)),
                }, cancellationToken: cancel);
                var score = bureauKeys.DecryptScore(reply.EncryptedScore.ToByteArray());
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"score={score} query_id={reply.QueryId} height={reply.Height} leaf={reply.Leaf}"));
                return ExitCodes.Success;
            }
            catch (RpcException e)
            {
                throw new CliInputException($"{e.StatusCode}: {e.Status.Detail}");
            }
        });
        return command;
    }

    private static byte[] Read(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new CliInputException($"{path} not found (run `govchain bureau keygen --dir {folder}`)");
    }
}
