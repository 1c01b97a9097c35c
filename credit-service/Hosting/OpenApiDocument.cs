using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace GovChain.CreditService.Hosting;

/// <summary>The OpenAPI document of the REST surface, generated from the protos' HTTP annotations, served at /openapi.</summary>
internal static class OpenApiDocument
{
    public static void Register(IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(swagger => swagger.SwaggerDoc("v1", new OpenApiInfo { Title = "GovChain credit service", Version = "v1" }));
    }

    public static void Map(WebApplication app) => app.UseSwagger(swagger => swagger.RouteTemplate = "openapi/{documentName}.json");
}
