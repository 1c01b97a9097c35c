using Microsoft.Extensions.DependencyInjection;

namespace GovChain.CreditService.Hosting;

/// <summary>
/// A part of the service that needs its own singletons (model registry, query engine, stores…). The host finds every
/// non-abstract implementation in this assembly (it needs a parameterless constructor) and calls
/// <see cref="Register"/> before the gRPC services are mapped; gRPC service classes themselves are found and mapped
/// without registration.
/// </summary>
public interface IServiceModule
{
    void Register(IServiceCollection services, ServiceOptions options);
}
