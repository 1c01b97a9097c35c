namespace GovChain.CreditService.Security;

/// <summary>Largest accepted request body per route: 4 MiB by default, 64 MiB to upload SEAL Galois keys.</summary>
public sealed class BodyLimits(int defaultBytes = BodyLimits.DefaultBytes, int keyUploadBytes = BodyLimits.KeyUploadBytes)
{
    public const int DefaultBytes = 4 * 1024 * 1024;
    public const int KeyUploadBytes = 64 * 1024 * 1024;

    public int Largest => Math.Max(defaultBytes, keyUploadBytes);

    public int For(string path) =>
        path.Equals("/govchain.v1.Queries/RegisterKeys", StringComparison.Ordinal) || path.Equals("/v1/queries/keys", StringComparison.Ordinal)
            ? keyUploadBytes
            : defaultBytes;
}
