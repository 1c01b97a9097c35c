using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Groth16;

/// <summary>circom/snarkjs .wtns: section 1 holds the field size and prime, section 2 the witness (canonical, little-endian).</summary>
public static class WitnessFile
{
    public static Fr[] Read(byte[] data)
    {
        var file = SnarkjsBinaryFile.Parse(data, "wtns");
        var header = file.Section(1);
        var n8 = header.ReadUInt32();
        if (n8 != 32)
        {
            throw new ZkFormatException($".wtns: field size {n8} bytes is not BN254's 32");
        }

        if (!SnarkjsBinaryFile.IsModulus(header.Take(32), Fr.Modulus))
        {
            throw new ZkFormatException(".wtns: the prime is not BN254's scalar field");
        }

        var count = header.ReadUInt32();
        var values = file.Section(2);
        if ((long)count * 32 != values.Remaining)
        {
            throw new ZkFormatException($".wtns: section 2 holds {values.Remaining} bytes, not {count} elements");
        }

        var witness = new Fr[count];
        for (var i = 0; i < witness.Length; i++)
        {
            witness[i] = Fr.FromLittleEndian(values.Take(32));
        }

        if (witness.Length == 0 || !witness[0].IsOne)
        {
            throw new ZkFormatException(".wtns: witness[0] must be the constant 1");
        }

        return witness;
    }

    /// <summary>Writes the same layout snarkjs writes (version 2).</summary>
    public static byte[] Write(ReadOnlySpan<Fr> witness)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("wtns"u8);
        w.Write(2u);
        w.Write(2u);
        w.Write(1u);
        w.Write(40UL);
        w.Write(32u);
        Span<byte> buf = stackalloc byte[32];
        Fr.Modulus.TryWriteBytes(buf, out _, isUnsigned: true);
        w.Write(buf);
        w.Write((uint)witness.Length);
        w.Write(2u);
        w.Write((ulong)witness.Length * 32);
        foreach (var v in witness)
        {
            v.WriteLittleEndian(buf);
            w.Write(buf);
        }

        w.Flush();
        return ms.ToArray();
    }
}
