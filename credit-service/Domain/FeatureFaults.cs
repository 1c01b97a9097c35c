using Grpc.Core;

namespace GovChain.CreditService.Domain;

/// <summary>
/// The feature failures the host's interceptor does not map itself: a contract rejection of one of our records is
/// FAILED_PRECONDITION with the contract's reason, and a damaged data directory is DATA_LOSS (one line, no trace).
/// </summary>
internal static class FeatureFaults
{
    public static async Task<T> MapAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (LedgerRejectionException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
        catch (BlobIntegrityException e)
        {
            throw new RpcException(new Status(StatusCode.DataLoss, e.Message));
        }
    }
}
