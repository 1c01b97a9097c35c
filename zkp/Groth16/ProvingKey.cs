using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;

namespace GovChain.Zkp.Groth16;

/// <summary>One nonzero entry of the QAP's A or B matrix: value·w[Signal] contributes to row Constraint.</summary>
internal readonly record struct QapCoefficient(bool IsB, int Constraint, int Signal, Fr Value);

/// <summary>
/// A Groth16 proving key read from a snarkjs .zkey (sections 1–9). Coordinates are stored in Montgomery form, so
/// they load without conversion; every point is checked on the curve and the key's G2 points in the subgroup.
/// </summary>
public sealed class ProvingKey
{
    private ProvingKey()
    {
    }

    public int VariableCount { get; private set; }

    public int PublicInputCount { get; private set; }

    public int DomainSize { get; private set; }

    public G1Affine Alpha1 { get; private set; }

    public G1Affine Beta1 { get; private set; }

    public G2Affine Beta2 { get; private set; }

    public G2Affine Gamma2 { get; private set; }

    public G1Affine Delta1 { get; private set; }

    public G2Affine Delta2 { get; private set; }

    public IReadOnlyList<G1Affine> Ic { get; private set; } = [];

    internal QapCoefficient[] Coefficients { get; private set; } = [];

    internal G1Affine[] PointsA { get; private set; } = [];

    internal G1Affine[] PointsB1 { get; private set; } = [];

    internal G2Affine[] PointsB2 { get; private set; } = [];

    /// <summary>For the private signals only (indices after the public ones).</summary>
    internal G1Affine[] PointsC { get; private set; } = [];

    internal G1Affine[] PointsH { get; private set; } = [];

    /// <summary>The matching verifying key (what `snarkjs zkey export verificationkey` writes).</summary>
    public VerifyingKey VerifyingKey => new(Alpha1, Beta2, Gamma2, Delta2, Ic);

    public static ProvingKey FromZkey(byte[] data)
    {
        var file = SnarkjsBinaryFile.Parse(data, "zkey");
        var header = file.Section(1);
        if (header.ReadUInt32() != 1)
        {
            throw new ZkFormatException(".zkey: not a Groth16 key");
        }

        var key = new ProvingKey();
        var g = file.Section(2);
        ExpectPrime(g, Fp.Modulus, "base");
        ExpectPrime(g, Fr.Modulus, "scalar");
        key.VariableCount = checked((int)g.ReadUInt32());
        key.PublicInputCount = checked((int)g.ReadUInt32());
        key.DomainSize = checked((int)g.ReadUInt32());
        if (key.DomainSize < 2 || (key.DomainSize & (key.DomainSize - 1)) != 0 || key.DomainSize > 1 << Fr.TwoAdicity)
        {
            throw new ZkFormatException($".zkey: domain size {key.DomainSize} is not a power of two in range");
        }

        if (key.PublicInputCount >= key.VariableCount)
        {
            throw new ZkFormatException(".zkey: more public inputs than variables");
        }

        key.Alpha1 = ReadG1(g, false);
        key.Beta1 = ReadG1(g, false);
        key.Beta2 = ReadG2(g, checkSubgroup: true);
        key.Gamma2 = ReadG2(g, checkSubgroup: true);
        key.Delta1 = ReadG1(g, false);
        key.Delta2 = ReadG2(g, checkSubgroup: true);
        g.ExpectEnd();

        key.Ic = ReadG1Section(file.Section(3), key.PublicInputCount + 1);
        key.Coefficients = ReadCoefficients(file.Section(4), key);
        key.PointsA = ReadG1Section(file.Section(5), key.VariableCount);
        key.PointsB1 = ReadG1Section(file.Section(6), key.VariableCount);
        var b2 = file.Section(7);
        key.PointsB2 = [.. Enumerable.Range(0, key.VariableCount).Select(_ => ReadG2(b2, checkSubgroup: false))];
        b2.ExpectEnd();
        key.PointsC = ReadG1Section(file.Section(8), key.VariableCount - key.PublicInputCount - 1);
        key.PointsH = ReadG1Section(file.Section(9), key.DomainSize);
        return key;
    }

    private static void ExpectPrime(SectionReader s, System.Numerics.BigInteger prime, string which)
    {
        if (s.ReadUInt32() != 32 || !SnarkjsBinaryFile.IsModulus(s.Take(32), prime))
        {
            throw new ZkFormatException($".zkey: the {which} field is not BN254's");
        }
    }

    private static QapCoefficient[] ReadCoefficients(SectionReader s, ProvingKey key)
    {
        var count = s.ReadUInt32();
        if ((long)count * 44 != s.Remaining)
        {
            throw new ZkFormatException(".zkey: coefficient section length does not match its count");
        }

        var result = new QapCoefficient[count];
        for (var i = 0; i < result.Length; i++)
        {
            var matrix = s.ReadUInt32();
            var constraint = s.ReadUInt32();
            var signal = s.ReadUInt32();
            if (matrix > 1 || constraint >= key.DomainSize || signal >= key.VariableCount)
            {
                throw new ZkFormatException($".zkey: coefficient {i} points outside the QAP");
            }

            result[i] = new QapCoefficient(matrix == 1, (int)constraint, (int)signal, Fr.FromZkeyCoefficient(s.Take(32)));
        }

        return result;
    }

    private static G1Affine[] ReadG1Section(SectionReader s, int count)
    {
        var points = new G1Affine[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = ReadG1(s, true);
        }

        s.ExpectEnd();
        return points;
    }

    /// <summary>Montgomery-form x, y; all-zero encodes the point at infinity.</summary>
    private static G1Affine ReadG1(SectionReader s, bool allowInfinity)
    {
        var x = Fp.FromMontgomeryLittleEndian(s.Take(32));
        var y = Fp.FromMontgomeryLittleEndian(s.Take(32));
        if (x.IsZero && y.IsZero)
        {
            return allowInfinity ? G1Affine.Infinity : throw new ZkFormatException(".zkey: unexpected point at infinity");
        }

        return G1Affine.Create(x, y);
    }

    private static G2Affine ReadG2(SectionReader s, bool checkSubgroup)
    {
        var x = new Fp2(Fp.FromMontgomeryLittleEndian(s.Take(32)), Fp.FromMontgomeryLittleEndian(s.Take(32)));
        var y = new Fp2(Fp.FromMontgomeryLittleEndian(s.Take(32)), Fp.FromMontgomeryLittleEndian(s.Take(32)));
        if (x.IsZero && y.IsZero)
        {
            return checkSubgroup ? throw new ZkFormatException(".zkey: unexpected point at infinity") : G2Affine.Infinity;
        }

        // The B2 query is only ever added up by the prover, so the cheap curve check suffices there.
        return checkSubgroup ? G2Affine.Create(x, y) : G2Affine.CreateOnCurveOnly(x, y);
    }
}
