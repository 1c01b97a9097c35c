namespace GovChain.Ledger.Consensus;

/// <summary>
/// Who this node is. <see cref="Peer"/> and <see cref="PeerCount"/> are the host's numbering of the nodes it talks to
/// (0..PeerCount-1); the core replies and retries by those numbers and learns its validator index, if any, per epoch
/// from <see cref="PublicKey"/>.
/// </summary>
public sealed record NodeIdentity(byte[] PublicKey, int Peer, int PeerCount, IConsensusSigner Signer);
