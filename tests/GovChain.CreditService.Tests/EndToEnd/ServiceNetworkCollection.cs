using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>End-to-end classes share this collection so their networks run one at a time on a small machine.</summary>
[CollectionDefinition(ServiceNetwork.Collection)]
public sealed class ServiceNetworkCollection;
