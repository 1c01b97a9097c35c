namespace GovChain.Crypto;

/// <summary>
/// Input that is malformed or out of range: a wrong length, a point off the curve, a scalar outside [1, n-1],
/// bad hex or PEM. The message names what was wrong; it never contains secret material.
/// </summary>
public class CryptoInputException : Exception
{
    public CryptoInputException(string message)
        : base(message)
    {
    }

    public CryptoInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Ciphertext that fails its integrity check: a GCM tag or SM2 C3 mismatch, or bad padding. Callers must treat the
/// plaintext as absent; no partial output is ever returned.
/// </summary>
public sealed class CryptoAuthenticationException : CryptoInputException
{
    public CryptoAuthenticationException(string message)
        : base(message)
    {
    }
}
