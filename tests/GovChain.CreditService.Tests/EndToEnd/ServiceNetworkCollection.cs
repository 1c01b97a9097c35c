using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>
/// End-to-end classes share this collection, so they run one at a time on a small machine, and may share one
/// <see cref="ServiceNetwork"/> (take it as a constructor parameter) instead of starting their own: every test uses
/// fresh participant and consent ids, so they do not see each other's records.
/// </summary>
[CollectionDefinition(ServiceNetwork.Collection)]
public sealed class ServiceNetworkCollection : ICollectionFixture<ServiceNetwork>;
