using GovChain.CreditService.Hosting;

namespace GovChain.Cli.Demo;

/// <summary>One agency of the demo: its genesis identity, what it holds, and where its service node listens.</summary>
internal sealed record DemoAgency(int Index, DemoAgencyRole Role, ServiceOptions Options, Uri Grpc, Uri Rest)
{
    /// <summary>Agency i runs validator i and the service node for its role.</summary>
    public static readonly IReadOnlyList<DemoAgencyRole> Roles =
    [
        new("market regulation", ["registration"]),
        new("public security", ["identity"]),
        new("taxation", ["tax", "social-security", "court", "utilities", "registration"]),
    ];

    public string Id => Options.AgencyId;
}

/// <summary>What an agency is and which data categories it imports.</summary>
internal sealed record DemoAgencyRole(string Name, IReadOnlyList<string> Categories);
