namespace GovChain.Wallet.Documents;

/// <summary>The outcome of checking a licence disclosure; <see cref="Reason"/> says why it is not valid (or "valid").</summary>
public sealed record DisclosureVerdict(bool Valid, string Reason, string LicenceId);
