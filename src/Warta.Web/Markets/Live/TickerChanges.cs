using StackExchange.Redis;

namespace Warta.Web.Markets.Live;

/// <summary>
/// Tells this node and, through Redis when configured, every other node that the ticker changed. Only the fact travels:
/// each node reads the new values from the shared database, so a lost message costs freshness, never correctness.
/// </summary>
public sealed class TickerChanges : IDisposable
{
    readonly ISubscriber? _subscriber;
    readonly RedisChannel _channel;
    readonly string _origin = Guid.NewGuid().ToString("N");
    readonly ILogger<TickerChanges> _logger;

    public TickerChanges(IServiceProvider services, IConfiguration configuration, ILogger<TickerChanges> logger)
    {
        _logger = logger;
        if (services.GetService<IConnectionMultiplexer>() is not { } redis) return;
        _channel = RedisChannel.Literal((configuration["Warta:RedisPrefix"] ?? "warta:") + "ticker-changed");
        _subscriber = redis.GetSubscriber();
        _subscriber.Subscribe(_channel, (_, message) =>
        {
            if (message == _origin) return;
            ArrivedFromOtherNode?.Invoke();
            Changed?.Invoke();
        });
    }

    /// <summary>Raised when another node announced a change, before <see cref="Changed"/>: drop what this node keeps in memory.</summary>
    public event Action? ArrivedFromOtherNode;

    /// <summary>Raised for every change, from this node or another.</summary>
    public event Action? Changed;

    public void Announce()
    {
        Changed?.Invoke();
        try
        {
            _subscriber?.Publish(_channel, _origin, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // Other nodes catch up on their own within the ticker's memory lifetime; the ingest already committed.
            _logger.LogWarning(e, "Could not announce a ticker change to other nodes");
        }
    }

    public void Dispose() => _subscriber?.Unsubscribe(_channel);
}
