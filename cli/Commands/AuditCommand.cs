using System.CommandLine;
using GovChain.Ledger;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;

namespace GovChain.Cli.Commands;

/// <summary>
/// `govchain audit trail|verify`: export a trail with inclusion proofs under a validator-signed tree head, and check
/// such an export offline against a trust file (docs/audit.md).
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Export audit trails with proofs and verify them offline (RFC 9162, SM3, SM2-signed tree heads)");
        command.Subcommands.Add(Trail());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(ChainId());
        return command;
    }

    private static Command Trail()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "A stopped node's ledger data directory (RocksDB)", Required = true };
        var trust = TrustOption();
        var subject = new Option<string?>("--subject") { Description = "Subject participant id" };
        var bureau = new Option<string?>("--bureau") { Description = "Bureau participant id" };
        var consent = new Option<string?>("--consent") { Description = "Consent id" };
        var time = new Option<string?>("--time") { Description = "Every record of the blocks in an ISO 8601 interval start/end, end excluded (e.g. 2026-12-01T00:00:00Z/2026-12-02T00:00:00Z)" };
        var fromLeaf = new Option<long>("--from-leaf") { Description = "Start the export at this log leaf (the next_from_leaf a previous export printed)", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = $"Most records in the export (1..{TrailQuery.MaxLimit}); a longer trail prints next_from_leaf", DefaultValueFactory = _ => TrailQuery.MaxLimit };
        var keys = new Option<string[]>("--key")
        {
            Description = "Validator private key (PEM file or hex) that signs the tree head; repeat for a quorum (2f+1)",
            AllowMultipleArgumentsPerToken = false,
        };
        var certified = new Option<bool>("--certified")
        {
            Description = "Instead of --key: export up to the newest tree head that 2f+1 validators signed through consensus",
        };
        var earlier = new Option<FileInfo?>("--earlier") { Description = "A previous export: its signed head is carried along with a consistency proof" };
        var output = new Option<FileInfo>("--out") { Description = "Export file to write", Required = true };
        var command = new Command("trail", "Export the records of one subject, bureau, consent or time interval with inclusion proofs and a signed tree head")
        {
            data, trust, subject, bureau, consent, time, fromLeaf, limit, keys, certified, earlier, output,
        };
        command.SetAction(parse =>
        {
            var query = Query(parse.GetValue(subject), parse.GetValue(bureau), parse.GetValue(consent), parse.GetValue(time), parse.GetValue(fromLeaf), parse.GetValue(limit));
            var anchor = ReadTrust(parse.GetRequiredValue(trust));
            var keyFiles = parse.GetValue(keys) ?? [];
            var useQuorumHead = parse.GetValue(certified);
            if (useQuorumHead == (keyFiles.Length > 0))
            {
                throw new CliInputException("give either --key (repeated, a quorum of validators sign the head) or --certified");
            }

            var signers = useQuorumHead ? [] : Signers(keyFiles, anchor);
            var previous = parse.GetValue(earlier) is { } file ? Decode(file).Head : null;
            var directory = parse.GetRequiredValue(data);
            if (!File.Exists(Path.Combine(directory.FullName, "CURRENT")))
            {
                throw new CliInputException($"not a ledger data directory: {directory.FullName}");
            }

            TrailPage page;
            using (var store = LedgerStore.Open(directory.FullName))
            {
                if (store.TipHeight < 0 || store.ReadBlock(0).Hash != anchor.ChainId)
                {
                    throw new CliInputException("the data directory does not hold the chain named in the trust file");
                }

                page = useQuorumHead
                    ? TrailExporter.ExportCertified(store, query, previous)
                    : TrailExporter.Export(store, query, anchor.ChainId, signers, previous);
            }

            var bundle = page.Bundle;
            if (AuditVerifier.Verify(bundle, anchor.ChainId, anchor.Validators, new Sm2SignatureVerifier()) is { } reason)
            {
                throw new CliInputException("the export would not verify: " + reason);
            }

            CliFiles.WriteAtomically(parse.GetRequiredValue(output).FullName, AuditExport.Encode(bundle));
            Console.Out.WriteLine(Summary(bundle) + (page.NextFromLeaf is { } next ? $" next_from_leaf={next}" : string.Empty));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify()
    {
        var input = new Option<FileInfo>("--in") { Description = "Export file written by `audit trail`", Required = true };
        var trust = TrustOption();
        var command = new Command("verify", "Check an export offline against the trust file; prints valid or invalid (exit 0 or 1)") { input, trust };
        command.SetAction(parse =>
        {
            var anchor = ReadTrust(parse.GetRequiredValue(trust));
            var bundle = Decode(parse.GetRequiredValue(input));
            var reason = AuditVerifier.Verify(bundle, anchor.ChainId, anchor.Validators, new Sm2SignatureVerifier());
            if (reason is not null)
            {
                Console.Error.WriteLine(reason);
                return ExitCodes.Verdict(false);
            }

            ExitCodes.Verdict(true);
            Console.Out.WriteLine(Summary(bundle));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<FileInfo> TrustOption() =>
        new("--trust") { Description = "Trust file: chain name and genesis validator public keys (docs/audit.md)", Required = true };

    private static TrailQuery Query(string? subject, string? bureau, string? consent, string? time, long fromLeaf, int limit)
    {
        (TrailIndex, string?)[] given = [(TrailIndex.Subject, subject), (TrailIndex.Bureau, bureau), (TrailIndex.Consent, consent), (TrailIndex.Time, time)];
        var chosen = given.Where(g => g.Item2 is not null).ToList();
        if (chosen.Count != 1 || string.IsNullOrEmpty(chosen[0].Item2))
        {
            throw new CliInputException("give exactly one non-empty --subject, --bureau, --consent or --time");
        }

        try
        {
            return new TrailQuery(chosen[0].Item1, chosen[0].Item2!, fromLeaf, limit);
        }
        catch (LedgerFormatException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    private static List<(ushort Validator, IConsensusSigner Signer)> Signers(string[] keys, AuditTrustAnchor anchor)
    {
        var signers = new List<(ushort, IConsensusSigner)>();
        foreach (var argument in keys)
        {
            var key = CliFiles.ReadPrivateKey(argument);
            var index = anchor.Validators.IndexOf(key.PublicKey.ToUncompressed());
            if (index < 0)
            {
                throw new CliInputException("a --key is not one of the trust file's validators");
            }

            if (signers.Any(s => s.Item1 == index))
            {
                throw new CliInputException($"validator {index}'s key is given twice");
            }

            signers.Add(((ushort)index, new Sm2ConsensusSigner(key)));
        }

        if (signers.Count < anchor.Validators.Quorum)
        {
            throw new CliInputException($"the tree head needs {anchor.Validators.Quorum} validator keys, got {signers.Count}");
        }

        return signers;
    }

    /// <summary>The chain id that every transaction and tree-head signature binds, from the public trust file.</summary>
    private static Command ChainId()
    {
        var trust = new Option<FileInfo>("--trust") { Description = "The network's trust.txt", Required = true };
        var command = new Command("chain-id", "Print the chain id (hex) of the network described by a trust file") { trust };
        command.SetAction(parse =>
        {
            Console.Out.WriteLine(ReadTrust(parse.GetRequiredValue(trust)).ChainId.ToString());
            return ExitCodes.Success;
        });
        return command;
    }

    private static AuditTrustAnchor ReadTrust(FileInfo file)
    {
        try
        {
            return AuditTrustAnchor.Parse(CliFiles.ReadBytes(file));
        }
        catch (LedgerFormatException e)
        {
            throw new CliInputException("trust file: " + e.Message);
        }
    }

    private static AuditBundle Decode(FileInfo file)
    {
        if (file.Exists && file.Length > AuditExport.MaxFileBytes)
        {
            throw new CliInputException($"export file is larger than {AuditExport.MaxFileBytes} bytes");
        }

        try
        {
            return AuditExport.Decode(CliFiles.ReadBytes(file));
        }
        catch (LedgerFormatException e)
        {
            throw new CliInputException("malformed export: " + e.Message);
        }
    }

    private static string Summary(AuditBundle bundle)
    {
        var head = bundle.Head.Head;
        var earlier = bundle.EarlierHead is { } e ? $" earlier_tree_size={e.Head.TreeSize}" : string.Empty;
        var complete = bundle.Completeness is { } c ? $" complete=attested leaves={c.FromLeaf}..{c.EndLeaf}" : " complete=unattested";
        return $"records={bundle.Records.Length} tree_size={head.TreeSize} root={head.RootHash} block_height={head.BlockHeight} " +
            $"signatures={bundle.Head.Signatures.Length}{earlier}{complete}";
    }
}
