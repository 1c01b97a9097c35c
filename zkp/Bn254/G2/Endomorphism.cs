using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G2;

/// <summary>ψ = untwist ∘ Frobenius ∘ twist on E'(F_p²): (x, y) ↦ (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)).</summary>
internal static class Endomorphism
{
    private static readonly Fp2 GammaX = Fp2.Xi.Pow((Fp.Modulus - 1) / 3);
    private static readonly Fp2 GammaY = Fp2.Xi.Pow((Fp.Modulus - 1) / 2);

    public static G2Affine Psi(in G2Affine q) =>
        q.IsInfinity ? q : G2Affine.CreateUnchecked(q.X.Conjugate() * GammaX, q.Y.Conjugate() * GammaY);

    /// <summary>ψ in Jacobian coordinates: conjugation commutes with x = X/Z², y = Y/Z³, so Z is just conjugated.</summary>
    public static G2Jacobian Psi(in G2Jacobian q) => new(q.X.Conjugate() * GammaX, q.Y.Conjugate() * GammaY, q.Z.Conjugate());
}
