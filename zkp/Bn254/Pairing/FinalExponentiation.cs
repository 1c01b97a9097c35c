using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.Pairing;

/// <summary>
/// f ↦ f^((p¹²−1)/r). The easy part (p⁶−1)(p²+1) uses conjugation and Frobenius; the hard part (p⁴−p²+1)/r is
/// written in base p as λ0 + λ1·p + λ2·p² + λ3·p³ with λ3 = 1, λ2 = 6x² + 1, λ1 = −36x³ − 18x² − 12x + 1,
/// λ0 = −36x³ − 30x² − 18x − 2 (Scott et al., "On the final exponentiation for calculating pairings on
/// ordinary elliptic curves"), so it needs only three exponentiations by x, all in the cyclotomic subgroup.
/// </summary>
internal static class FinalExponentiation
{
    public static Fp12 Apply(in Fp12 f)
    {
        // Easy part: afterwards the value is unitary, so inverses are conjugates and squarings cyclotomic.
        var t = f.Conjugate() * f.Inverse();
        t = t.Frobenius(2) * t;

        var a = t.CyclotomicPowX();
        var b = a.CyclotomicPowX();
        var c = b.CyclotomicPowX();

        // Small powers by hand: a2 = a², b2 = b², … so that each λ is a few products.
        var a2 = a.CyclotomicSquare();
        var a4 = a2.CyclotomicSquare();
        var a12 = (a4 * a2).CyclotomicSquare();
        var a18 = a12 * a4 * a2;
        var b2 = b.CyclotomicSquare();
        var b6 = (b2 * b).CyclotomicSquare();
        var b18 = b6.CyclotomicSquare() * b6;
        var b30 = b18 * b6.CyclotomicSquare();
        var c4 = c.CyclotomicSquare().CyclotomicSquare();
        var c36 = (c4.CyclotomicSquare() * c).CyclotomicSquare().CyclotomicSquare();

        var lambda2 = b6 * t;
        var lambda1 = (c36 * b18 * a12).Conjugate() * t;
        var lambda0 = (c36 * b30 * a18 * t.CyclotomicSquare()).Conjugate();
        return lambda0 * lambda1.Frobenius() * lambda2.Frobenius(2) * t.Frobenius(3);
    }
}
