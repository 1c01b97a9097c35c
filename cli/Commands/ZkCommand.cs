using System.CommandLine;
using System.Text;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Witness;

namespace GovChain.Cli.Commands;

/// <summary>`govchain zk verify|prove`: Groth16 over BN254, reading and writing snarkjs's files.</summary>
internal static class ZkCommand
{
    public static Command Create()
    {
        var command = new Command("zk", "Groth16 zero-knowledge proofs (BN254, snarkjs/circom compatible)");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Prove());
        return command;
    }

    /// <summary>`bench zk`: ours against snarkjs, both timed in-process in the same run (register under `bench`).</summary>
    private static Command Verify()
    {
        var vk = new Option<FileInfo>("--vk") { Description = "snarkjs verification_key.json", Required = true };
        var proof = new Option<FileInfo>("--proof") { Description = "snarkjs proof.json", Required = true };
        var publicSignals = new Option<FileInfo>("--public") { Description = "snarkjs public.json", Required = true };
        var command = new Command("verify", "Verify a Groth16 proof; prints valid or invalid") { vk, proof, publicSignals };
        command.SetAction(parse =>
        {
            var valid = Groth16Verifier.VerifyJson(
                ReadText(parse.GetRequiredValue(vk)),
                ReadText(parse.GetRequiredValue(proof)),
                ReadText(parse.GetRequiredValue(publicSignals)));
            return ExitCodes.Verdict(valid);
        });
        return command;
    }

    private static Command Prove()
    {
        var zkey = new Option<FileInfo>("--zkey") { Description = "snarkjs proving key (.zkey)", Required = true };
        var wasm = new Option<FileInfo>("--wasm") { Description = "circom witness generator (.wasm); needs --input" };
        var input = new Option<FileInfo>("--input") { Description = "circuit input JSON; needs --wasm" };
        var wtns = new Option<FileInfo>("--wtns") { Description = "a ready witness (.wtns) instead of --wasm/--input" };
        var proofOut = new Option<FileInfo>("--proof") { Description = "where to write proof.json", Required = true };
        var publicOut = new Option<FileInfo>("--public") { Description = "where to write public.json", Required = true };
        var command = new Command("prove", "Make a Groth16 proof that `snarkjs groth16 verify` accepts")
        {
            zkey, wasm, input, wtns, proofOut, publicOut,
        };
        command.SetAction(parse =>
        {
            var key = ProvingKey.FromZkey(CliFiles.ReadBytes(parse.GetRequiredValue(zkey)));
            var witness = ReadWitness(parse.GetValue(wasm), parse.GetValue(input), parse.GetValue(wtns));
            var (proof, publics) = Groth16Prover.Prove(key, witness);
            CliFiles.WriteAtomically(parse.GetRequiredValue(proofOut).FullName, Encoding.UTF8.GetBytes(proof.ToJson() + "\n"));
            CliFiles.WriteAtomically(parse.GetRequiredValue(publicOut).FullName, Encoding.UTF8.GetBytes(PublicSignals.ToJson(publics) + "\n"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Zkp.Bn254.Fields.Fr[] ReadWitness(FileInfo? wasm, FileInfo? input, FileInfo? wtns)
    {
        if (wtns is not null)
        {
            return wasm is null && input is null
                ? WitnessFile.Read(CliFiles.ReadBytes(wtns))
                : throw new CliInputException("give either --wtns or --wasm with --input, not both");
        }

        if (wasm is null || input is null)
        {
            throw new CliInputException("--wasm and --input are required (or --wtns)");
        }

        using var calculator = CircomWitnessCalculator.FromWasm(CliFiles.ReadBytes(wasm));
        try
        {
            return calculator.Compute(ReadText(input));
        }
        catch (ZkWitnessException e)
        {
            throw new CliInputException("cannot prove: " + e.Message);
        }
    }

    private static string ReadText(FileInfo file) => Encoding.UTF8.GetString(CliFiles.ReadBytes(file));
}
