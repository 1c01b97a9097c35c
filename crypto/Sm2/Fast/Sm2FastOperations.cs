using System.Security.Cryptography;

namespace GovChain.Crypto.Sm2Fast;

/// <summary>SM2 signing, verification and point multiplication on GovChain's own field and curve code.</summary>
internal static class Sm2FastOperations
{
    /// <summary>A secret scalar in the forms signing needs. d and (1+d)^-1 are in Montgomery form mod n.</summary>
    internal sealed class SigningScalar
    {
        public SigningScalar(ReadOnlySpan<byte> d32)
        {
            var d = U256.FromBigEndian(d32);
            Sm2Scalar.ToMontgomery(in d, out DMont);
            Sm2Scalar.Add(in DMont, in Sm2Scalar.One, out var onePlusD);
            Sm2Scalar.Invert(in onePlusD, out InverseOfOnePlusDMont);
            D = d;
        }

        public readonly U256 D;
        public readonly U256 DMont;
        public readonly U256 InverseOfOnePlusDMont;
    }

    /// <summary>Returns 04‖x‖y of [k]G (constant time in k).</summary>
    public static byte[] MultiplyBase(ReadOnlySpan<byte> k32)
    {
        ScalarMultiplication.MultiplyBase(U256.FromBigEndian(k32), out var point);
        return Encode(in point);
    }

    /// <summary>Returns x‖y of [k]P for a validated point P (constant time in k).</summary>
    public static void Multiply(ReadOnlySpan<byte> uncompressedPoint, ReadOnlySpan<byte> k32, Span<byte> xy)
    {
        var p = Decode(uncompressedPoint);
        ScalarMultiplication.Multiply(in p, U256.FromBigEndian(k32), out var product);
        if (!product.TryGetAffine(out var x, out var y))
        {
            throw new CryptoInputException("SM2: scalar multiple is the point at infinity");
        }

        x.WriteBigEndian(xy);
        y.WriteBigEndian(xy[32..]);
    }

    /// <summary>GB/T 32918.2 §6.1 on digest e; <paramref name="fixedK"/> only for the standard's worked example.</summary>
    public static void Sign(ReadOnlySpan<byte> e32, SigningScalar key, ReadOnlySpan<byte> fixedK, Span<byte> rs)
    {
        Sm2Scalar.Reduce(U256.FromBigEndian(e32), out var e);
        Span<byte> kBytes = stackalloc byte[32];
        while (true)
        {
            U256 k;
            if (fixedK.IsEmpty)
            {
                RandomScalar(kBytes, out k);
            }
            else
            {
                k = U256.FromBigEndian(fixedK);
            }

            ScalarMultiplication.MultiplyBase(in k, out var kg);
            kg.TryGetAffine(out var x1, out _);
            Sm2Scalar.Reduce(in x1, out x1);
            Sm2Scalar.Add(in e, in x1, out var r);
            Sm2Scalar.Add(in r, in k, out var rPlusK);
            // r = 0 or r + k = n (which reduces to 0) happen with probability about 2^-255; retrying leaks nothing useful.
            if (r.IsZero || rPlusK.IsZero)
            {
                RejectFixed(fixedK);
                continue;
            }

            Sm2Scalar.ToMontgomery(in k, out var kMont);
            Sm2Scalar.ToMontgomery(in r, out var rMont);
            Sm2Scalar.Mul(in rMont, in key.DMont, out var rd);
            Sm2Scalar.Sub(in kMont, in rd, out var kMinusRd);
            Sm2Scalar.Mul(in key.InverseOfOnePlusDMont, in kMinusRd, out var sMont);
            Sm2Scalar.FromMontgomery(in sMont, out var s);
            CryptographicOperations.ZeroMemory(kBytes);
            if (s.IsZero)
            {
                RejectFixed(fixedK);
                continue;
            }

            r.WriteBigEndian(rs);
            s.WriteBigEndian(rs[32..]);
            return;
        }
    }

    /// <summary>GB/T 32918.2 §7.1 on digest e. Variable time: everything is public.</summary>
    public static bool Verify(ReadOnlySpan<byte> e32, ReadOnlySpan<byte> rs, AffinePoint[][] keyTables)
    {
        var r = U256.FromBigEndian(rs[..32]);
        var s = U256.FromBigEndian(rs[32..]);
        if (r.IsZero || s.IsZero || r.CompareTo(in Sm2Scalar.Order) >= 0 || s.CompareTo(in Sm2Scalar.Order) >= 0)
        {
            return false;
        }

        Sm2Scalar.Add(in r, in s, out var t);
        if (t.IsZero)
        {
            return false;
        }

        if (!ScalarMultiplication.TryMultiplyAddVartime(in s, in t, keyTables, out var point))
        {
            return false;
        }

        // R = (e + x1) mod n = r  ⟺  x1 ∈ {r - e mod n, r - e mod n + n}; test X = x1·Z² for each without inverting Z.
        Sm2Scalar.Reduce(U256.FromBigEndian(e32), out var e);
        Sm2Scalar.Sub(in r, in e, out var candidate);
        Sm2Field.Square(in point.Z, out var z2);
        if (XEquals(in point, in z2, in candidate))
        {
            return true;
        }

        return U256.Add(in candidate, in Sm2Scalar.Order, out var shifted) == 0
            && shifted.CompareTo(in Sm2Field.Modulus) < 0
            && XEquals(in point, in z2, in shifted);
    }

    private static bool XEquals(in JacobianPoint point, in U256 z2, in U256 x)
    {
        Sm2Field.TryToMontgomery(in x, out var xm);
        Sm2Field.Mul(in xm, in z2, out var scaled);
        return scaled.Equals(in point.X);
    }

    /// <summary>The per-key tables verification uses (about 2 KiB); public keys cache them.</summary>
    public static AffinePoint[][] VerificationTables(ReadOnlySpan<byte> uncompressedPoint) =>
        ScalarMultiplication.SplitTables(Decode(uncompressedPoint), ScalarMultiplication.KeyWidth);

    private static ProjectivePoint Decode(ReadOnlySpan<byte> uncompressedPoint)
    {
        if (uncompressedPoint.Length != 65 || uncompressedPoint[0] != 0x04
            || !ProjectivePoint.TryFromAffine(U256.FromBigEndian(uncompressedPoint[1..33]), U256.FromBigEndian(uncompressedPoint[33..]), out var p))
        {
            throw new CryptoInputException("SM2: not a point on sm2p256v1");
        }

        return p;
    }

    private static byte[] Encode(in ProjectivePoint point)
    {
        point.TryGetAffine(out var x, out var y);
        var encoded = new byte[65];
        encoded[0] = 0x04;
        x.WriteBigEndian(encoded.AsSpan(1));
        y.WriteBigEndian(encoded.AsSpan(33));
        return encoded;
    }

    /// <summary>A uniform k in [1, n-1] by rejection sampling.</summary>
    private static void RandomScalar(Span<byte> buffer, out U256 k)
    {
        while (true)
        {
            RandomNumberGenerator.Fill(buffer);
            k = U256.FromBigEndian(buffer);
            if (!k.IsZero && k.CompareTo(in Sm2Scalar.Order) < 0)
            {
                return;
            }
        }
    }

    private static void RejectFixed(ReadOnlySpan<byte> fixedK)
    {
        if (!fixedK.IsEmpty)
        {
            throw new CryptoInputException("the fixed k gives r = 0, r + k = n or s = 0");
        }
    }
}
