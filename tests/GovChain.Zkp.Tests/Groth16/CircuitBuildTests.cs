using GovChain.TestSupport;
using Xunit;

namespace GovChain.Zkp.Tests.Groth16;

/// <summary>The committed .r1cs and .wasm are exactly what the pinned circom2 makes from the committed sources.</summary>
public sealed class CircuitBuildTests
{
    [Fact]
    public void CommittedCircuitsMatchAFreshCircom2Compile()
    {
        Peers.EnsureInstalled();
        var vectors = RepoPaths.Vectors;

        // circom2 runs under WASI and sees only paths below its working directory, so the output goes there too.
        var relativeOut = Path.Combine("circuits", ".build", "test-" + Guid.NewGuid().ToString("N"));
        var output = Path.Combine(vectors, relativeOut);
        Directory.CreateDirectory(output);
        try
        {
            foreach (var circuit in CircuitFiles.Predicates)
            {
                ProcessRunner.RunChecked(
                    "node",
                    [Path.Combine(Peers.NodeModules, ".bin", "circom2"), $"circuits/{circuit}.circom", "--r1cs", "--wasm", "-l", "peers/node_modules", "-o", relativeOut],
                    workingDirectory: vectors,
                    timeout: TimeSpan.FromMinutes(2));
                Assert.Equal(File.ReadAllBytes(Path.Combine(CircuitFiles.Directory(circuit), circuit + ".r1cs")), File.ReadAllBytes(Path.Combine(output, circuit + ".r1cs")));
                Assert.Equal(File.ReadAllBytes(CircuitFiles.Wasm(circuit)), File.ReadAllBytes(Path.Combine(output, circuit + "_js", circuit + ".wasm")));
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
