using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Security;

/// <summary>
/// Who signed the current request, as verified before routing. <see cref="Role"/> is null for a subject that is
/// registering itself (signed with the key in the body, not yet on the ledger). <see cref="RequestHash"/> is the SM3
/// of the signed bytes: the reference ledger records keep to the request that caused them.
/// </summary>
public sealed record VerifiedActor(string Id, ParticipantRole? Role, byte[] PublicKey, Hash32 RequestHash)
{
    public bool IsRegistered => Role is not null;
}
