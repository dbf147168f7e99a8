namespace Warta.Web.Commerce;

/// <summary>
/// Expires pending orders whose time to pay ran out, through <see cref="OrderBook"/>, so a seat a course order held frees
/// for the next reader. Every node may run it: a move that another node already made is a no-op.
/// </summary>
public sealed class OrderExpirySweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OrderExpirySweep> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var expired = await scope.ServiceProvider.GetRequiredService<OrderBook>().ExpireOverdueAsync(ct);
        if (expired > 0) log.LogInformation("Expired {Count} unpaid orders", expired);
        return expired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database hiccup must not end the sweep for good; the next round tries again.
                log.LogError(e, "The order expiry sweep failed");
            }
        }
    }
}
