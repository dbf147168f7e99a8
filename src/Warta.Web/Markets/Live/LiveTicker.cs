using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Warta.Web.Shared;

namespace Warta.Web.Markets.Live;

public sealed class LiveOptions
{
    /// <summary>Readers connected to this node at once; one more is refused with 503 and a Retry-After.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>A comment line this often keeps proxies from closing an idle stream and lets a dead one be noticed.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>The browser's wait before reconnecting after a drop (the stream's <c>retry:</c> line).</summary>
    public int RetryMilliseconds { get; set; } = 3000;

    public LiveOptions Validated() => MaxConnections >= 1 && HeartbeatSeconds is >= 1 and <= 300 && RetryMilliseconds is >= 100 and <= 600_000
        ? this
        : throw new InvalidOperationException("Warta:Live: MaxConnections must be at least 1, HeartbeatSeconds 1–300, RetryMilliseconds 100–600000.");
}

/// <summary>One state of the ticker as an encoded server-sent event. <see cref="Id"/> names the content, so it is the same on every node.</summary>
public sealed record LiveSnapshot(long Sequence, string Id, byte[] Frame);

/// <summary>
/// The INDIKATOR ticker streamed to readers as Server-Sent Events. One loop rebuilds the ticker when it changes and swaps
/// in the newest encoded state; every connection only remembers which state it sent last, so a slow reader holds no queue:
/// when it catches up it gets the newest state and the ones in between are skipped.
/// </summary>
public sealed class LiveTicker : BackgroundService
{
    public const string Path = MarketRoutes.Indicators + "/langsung";
    public const string EventName = "ticker";

    readonly TickerService _ticker;
    readonly LiveOptions _options;
    readonly TimeProvider _clock;
    readonly ILogger<LiveTicker> _logger;
    readonly Channel<bool> _rebuild = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly SemaphoreSlim _building = new(1, 1);
    readonly byte[] _heartbeat = ": ping\n\n"u8.ToArray();

    LiveSnapshot? _latest;
    long _sequence;
    int _connections;
    long _heartbeats;
    TaskCompletionSource _pulse = NewPulse();

    public LiveTicker(TickerService ticker, TickerChanges changes, LiveOptions options, TimeProvider clock, ILogger<LiveTicker> logger)
    {
        _ticker = ticker;
        _options = options;
        _clock = clock;
        _logger = logger;
        changes.Changed += () => _rebuild.Writer.TryWrite(true);
    }

    public int Connections => Volatile.Read(ref _connections);

    static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every connection; each looks at what changed (a newer state, a heartbeat due) itself.</summary>
    void Wake() => Interlocked.Exchange(ref _pulse, NewPulse()).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
        // The heartbeat also rebuilds the state, so what changes with time alone (a feed going stale) reaches readers
        // without a quote, and a change announcement lost on the way costs one heartbeat of freshness at most.
        using var timer = _clock.CreateTimer(_ =>
        {
            if (Connections == 0) return;
            _rebuild.Writer.TryWrite(true);
            Interlocked.Increment(ref _heartbeats);
            Wake();
        }, null, heartbeat, heartbeat);

        await foreach (var _ in _rebuild.Reader.ReadAllAsync(stoppingToken))
        {
            if (Connections == 0)
            {
                // Nobody listens: forget the state and build it when the next reader connects.
                Volatile.Write(ref _latest, null);
                continue;
            }
            try
            {
                await RebuildAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database hiccuped; readers keep the state they have and the next change or heartbeat tries again.
                _logger.LogWarning(e, "Could not rebuild the live ticker");
            }
        }
    }

    async Task<LiveSnapshot> RebuildAsync()
    {
        await _building.WaitAsync();
        try
        {
            var items = await _ticker.CurrentAsync();
            var json = JsonSerializer.SerializeToUtf8Bytes(LiveMessage.Of(items), JsonInput.Options);
            var id = Convert.ToHexStringLower(SHA256.HashData(json))[..16];
            var latest = Volatile.Read(ref _latest);
            if (latest?.Id == id) return latest;
            byte[] frame = [.. Encoding.UTF8.GetBytes($"id: {id}\nevent: {EventName}\ndata: "), .. json, .. "\n\n"u8];
            var snapshot = new LiveSnapshot(Interlocked.Increment(ref _sequence), id, frame);
            Volatile.Write(ref _latest, snapshot);
            Wake();
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    async Task<LiveSnapshot> CurrentAsync() => Volatile.Read(ref _latest) ?? await RebuildAsync();

    /// <summary>Serves one reader until it leaves or the node stops.</summary>
    public async Task StreamAsync(HttpContext http, CancellationToken stopping)
    {
        var response = http.Response;
        if (Interlocked.Increment(ref _connections) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = "60";
            response.Headers.CacheControl = "no-store";
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("Terlalu banyak pembaca indikator langsung saat ini. Coba lagi dalam satu menit; angka di halaman tetap diperbarui setiap kali halaman dimuat.", http.RequestAborted);
            return;
        }
        try
        {
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-store, no-transform";
            // Tells a buffering reverse proxy (nginx) to pass every event on at once.
            response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
            var ct = linked.Token;

            var heartbeatsSeen = Volatile.Read(ref _heartbeats);
            var body = response.Body;
            await body.WriteAsync(Encoding.ASCII.GetBytes($"retry: {_options.RetryMilliseconds}\n\n"), ct);
            var current = await CurrentAsync();
            // A browser reconnecting with the state it already shows is told nothing new; any other gets the state now.
            if (http.Request.Headers["Last-Event-ID"] != current.Id) await body.WriteAsync(current.Frame, ct);
            await body.FlushAsync(ct);
            var sent = current.Sequence;

            while (!ct.IsCancellationRequested)
            {
                var pulse = Volatile.Read(ref _pulse).Task;
                var latest = Volatile.Read(ref _latest);
                if (latest is not null && latest.Sequence > sent)
                {
                    sent = latest.Sequence;
                    await body.WriteAsync(latest.Frame, ct);
                    await body.FlushAsync(ct);
                    continue;
                }
                var heartbeats = Volatile.Read(ref _heartbeats);
                if (heartbeats != heartbeatsSeen)
                {
                    heartbeatsSeen = heartbeats;
                    await body.WriteAsync(_heartbeat, ct);
                    await body.FlushAsync(ct);
                    continue;
                }
                await pulse.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The reader left or the node is stopping.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    public static void AddLiveTicker(IServiceCollection services)
    {
        services.AddSingleton(sp => (sp.GetRequiredService<IConfiguration>().GetSection("Warta:Live").Get<LiveOptions>() ?? new LiveOptions()).Validated());
        services.AddSingleton<TickerChanges>();
        services.AddSingleton<LiveTicker>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveTicker>());
    }

    public static void MapLiveTicker(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http, LiveTicker live, IHostApplicationLifetime lifetime) => live.StreamAsync(http, lifetime.ApplicationStopping))
            .ExcludeFromDescription();
}

/// <summary>What a live event carries: the rendered ticker items (values, direction, as-of label, staleness) and the bar's one as-of label, exactly as the header shows them.</summary>
public sealed record LiveMessage(IReadOnlyList<TickerItem> Items, string AsOf)
{
    public static LiveMessage Of(IReadOnlyList<TickerItem> items) => new(items, TickerItem.BarAsOf(items));
}
