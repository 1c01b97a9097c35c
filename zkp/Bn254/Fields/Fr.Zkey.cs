namespace GovChain.Zkp.Bn254.Fields;

public readonly partial struct Fr
{
    /// <summary>
    /// snarkjs stores QAP coefficients as c·R² mod r (so its Montgomery multiply by a canonical witness yields c·w in
    /// Montgomery form); one Montgomery reduction turns that into our representation of c.
    /// </summary>
    internal static Fr FromZkeyCoefficient(ReadOnlySpan<byte> bytes32)
    {
        var v = U256.FromLittleEndian(bytes32);
        if (!Montgomery<FrModulus>.IsCanonical(v))
        {
            throw new ZkFormatException(".zkey coefficient ≥ modulus");
        }

        return new(Montgomery<FrModulus>.FromMontgomery(v));
    }
}
