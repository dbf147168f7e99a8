using StackExchange.Redis;

namespace Warta.Web.Shared;

/// <summary>
/// Tells the other nodes, through Redis pub/sub, that something changed, and hands each node the notices of the others.
/// Only the fact (and a short detail, such as which cached reads to drop) travels: each node reads the new values from
/// the shared database, so a lost notice costs freshness, never correctness. On one node (no Redis) it does nothing.
/// </summary>
public sealed class ChangeNotices : IDisposable
{
    readonly ISubscriber? _subscriber;
    readonly string _prefix;
    readonly string _origin = Guid.NewGuid().ToString("N");
    readonly List<RedisChannel> _channels = [];
    readonly ILogger<ChangeNotices> _logger;

    public ChangeNotices(IServiceProvider services, IConfiguration configuration, ILogger<ChangeNotices> logger)
    {
        _logger = logger;
        _prefix = configuration["Warta:RedisPrefix"] ?? "warta:";
        _subscriber = services.GetService<IConnectionMultiplexer>()?.GetSubscriber();
    }

    RedisChannel Channel(string topic) => RedisChannel.Literal(_prefix + topic + "-changed");

    /// <summary>Calls <paramref name="fromOtherNode"/> with the detail of every notice on <paramref name="topic"/> that another node announced.</summary>
    public void Listen(string topic, Action<string> fromOtherNode)
    {
        if (_subscriber is null) return;
        var channel = Channel(topic);
        lock (_channels) _channels.Add(channel);
        _subscriber.Subscribe(channel, (_, message) =>
        {
            var text = (string?)message ?? "";
            var space = text.IndexOf(' ');
            var origin = space < 0 ? text : text[..space];
            if (origin != _origin) fromOtherNode(space < 0 ? "" : text[(space + 1)..]);
        });
    }

    /// <summary>Sends a notice on <paramref name="topic"/> to the other nodes, without waiting for it to arrive.</summary>
    public void Announce(string topic, string detail = "")
    {
        try
        {
            _subscriber?.Publish(Channel(topic), detail.Length == 0 ? _origin : _origin + " " + detail, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // The change already committed; other nodes catch up when what they keep in memory expires.
            _logger.LogWarning(e, "Could not announce a change of {Topic} to other nodes", topic);
        }
    }

    public void Dispose()
    {
        if (_subscriber is null) return;
        lock (_channels)
            foreach (var channel in _channels) _subscriber.Unsubscribe(channel);
    }
}
