namespace GovChain.He.Serialization;

/// <summary>SEAL's compr_mode_type: how the bytes after the 16-byte header are stored.</summary>
public enum ComprMode : byte
{
    None = 0,
    Zlib = 1,
    Zstd = 2,
}
