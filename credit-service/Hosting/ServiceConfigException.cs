namespace GovChain.CreditService.Hosting;

/// <summary>A service configuration that cannot be used, with a one-line reason.</summary>
public sealed class ServiceConfigException : Exception
{
    public ServiceConfigException()
    {
    }

    public ServiceConfigException(string message)
        : base(message)
    {
    }

    public ServiceConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
