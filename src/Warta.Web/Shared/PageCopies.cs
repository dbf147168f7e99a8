using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Warta.Web.Shared;

/// <summary>
/// This node's own copies of the reader pages the output cache has stored, answered before routing. A hit here costs what
/// Kestrel serving the bytes from memory costs, plus the audience and the cache variations: no routing, no output-cache key
/// and no lookup coalescing. A copy is made only when the output cache stores the page (so every rule of
/// <see cref="ReaderPagePolicy"/> has already admitted it), under a key as strict as the output cache's: method, scheme,
/// path and query exactly as asked (a request that differs in any way misses and goes on to the output cache), the
/// encoding, the audience and every <see cref="ICacheVariation"/>. It lives no longer than the output cache's entry, and
/// <see cref="PageCache.EvictAsync"/> drops it here and, through <see cref="ChangeNotices"/>, on every other node.
/// </summary>
public sealed class PageCopies
{
    const string Topic = "pages";
    /// <summary>The most this node keeps in copies; beyond it pages are served by the output cache alone.</summary>
    const long MaxBytes = 128L * 1024 * 1024;
    /// <summary>A larger response is not copied (the output cache may still hold it).</summary>
    const int MaxCopyBytes = 4 * 1024 * 1024;

    readonly CacheOptions _options;
    readonly IAudienceResolver _audiences;
    readonly ICacheVariation[] _variations;
    readonly TimeProvider _clock;
    readonly ChangeNotices _notices;
    readonly ILogger<PageCopies> _logger;
    readonly ConcurrentDictionary<string, Page> _gets = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Page> _heads = new(StringComparer.Ordinal);
    long _bytes;
    // Bumped by every eviction: a page rendered before one is not copied after it (it may show what the eviction dropped).
    long _evictions;

    public PageCopies(CacheOptions options, IAudienceResolver audiences, IEnumerable<ICacheVariation> variations, TimeProvider clock, ChangeNotices notices,
        ILogger<PageCopies> logger)
    {
        _logger = logger;
        _options = options;
        _audiences = audiences;
        _variations = variations.ToArray();
        _clock = clock;
        _notices = notices;
        notices.Listen(Topic, detail => EvictHere(detail.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>The copies held on this node (for tests and diagnostics).</summary>
    public int Count => _gets.Values.Concat(_heads.Values).Sum(p => p.Copies.Count);

    /// <summary>Drops every copy tagged with any of <paramref name="tags"/> on this node and on every other.</summary>
    public void Evict(params string[] tags)
    {
        EvictHere(tags);
        _notices.Announce(Topic, string.Join(' ', tags));
    }

    /// <summary>Drops every copy tagged with any of <paramref name="tags"/> on this node only.</summary>
    public void EvictHere(params string[] tags)
    {
        Interlocked.Increment(ref _evictions);
        foreach (var pages in (ConcurrentDictionary<string, Page>[])[_gets, _heads])
            foreach (var (_, page) in pages)
                foreach (var (key, copy) in page.Copies)
                    if (copy.Tags.Any(tags.Contains)) Drop(page, key, copy);
        Interlocked.Increment(ref _evictions);
    }

    void Drop(Page page, Variant key, Copy copy)
    {
        if (page.Copies.TryRemove(new KeyValuePair<Variant, Copy>(key, copy))) Interlocked.Add(ref _bytes, -copy.Body.Length);
    }

    sealed class Page(CachedPageAttribute rule, RouteValueDictionary routeValues)
    {
        public readonly CachedPageAttribute Rule = rule;
        /// <summary>What routing matched for this path: the audience resolver may read it (the paywall reads the story's slug).</summary>
        public readonly RouteValueDictionary RouteValues = routeValues;
        public readonly ConcurrentDictionary<Variant, Copy> Copies = new();
    }

    readonly record struct Variant(bool Https, string Query, string Encoding, Audience Audience, string Varies);

    /// <summary>
    /// One page as this node answers it. <see cref="Body"/> is, where it can be, a slice of the very array the in-memory output
    /// cache stores (the node then holds the page once, not twice); otherwise (Redis holds the stored page) an array of its own.
    /// </summary>
    sealed record Copy(ReadOnlyMemory<byte> Body, KeyValuePair<string, StringValues>[] Headers, bool Chunked, DateTimeOffset Created, DateTimeOffset Expires, string[] Tags);

    const char Separator = '\u001e';

    /// <summary>The cache variations' part of the key, or null when a value could be confused with the separator.</summary>
    string? Varies(HttpContext http)
    {
        if (_variations.Length == 0) return "";
        // Asked on every hit: one dictionary per thread, emptied after use (nothing awaits while it is in use).
        var values = t_values ??= new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var variation in _variations) variation.AddTo(http, values);
            var joined = "";
            foreach (var (name, value) in values)
            {
                if (name.Contains(Separator) || value.Contains(Separator)) return null;
                joined = joined.Length == 0 ? Pair(name, value) : string.Concat(joined, SeparatorText, name + "=" + value);
            }
            return joined;
        }
        finally
        {
            values.Clear();
        }
    }

    [ThreadStatic] static Dictionary<string, string>? t_values;
    // The last single variation this thread joined: nearly every hit asks the same one again ("top=" for every reader who
    // kept the banner), and the key then costs no allocation.
    [ThreadStatic] static (string Name, string Value, string Joined) t_lastPair;

    static string Pair(string name, string value)
    {
        var last = t_lastPair;
        if (ReferenceEquals(last.Name, name) && last.Value == value) return last.Joined;
        var joined = string.Concat(name, "=", value);
        t_lastPair = (name, value, joined);
        return joined;
    }
    const string SeparatorText = "\u001e";

    static readonly StringValues[] Ages = Enumerable.Range(0, CacheOptions.MaxPageSeconds * 4)
        .Select(s => new StringValues(s.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    /// <summary>In front of routing: answers from a copy, or passes the request on and copies what the output cache stores.</summary>
    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var pages = HttpMethods.IsGet(request.Method) ? _gets : HttpMethods.IsHead(request.Method) ? _heads : null;
        // Conditional requests and staff go the long way: the output cache answers the first, the policy bypasses the second.
        if (pages is null || !_options.Enabled || request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0
            || request.Cookies.ContainsKey(ReaderPagePolicy.StaffCookie))
            return next(http);
        if (pages.TryGetValue(request.Path.Value ?? "", out var page))
        {
            // This runs in front of the exception handler, so that a hit passes nothing else. Whatever fails before a copy
            // starts going out (an audience resolver, a cache variation) sends the request the long way instead, where the
            // same failure meets the exception handler and the reader gets the friendly page.
            try
            {
                // The page's own route values, lent rather than copied (a copy per hit showed in the profile): on a hit only the
                // audience resolver reads them before the copy goes out, and every other way on gets a dictionary of its own.
                request.RouteValues = page.RouteValues;
                var audience = _audiences.ResolveAsync(http);
                if (!audience.IsCompletedSuccessfully) return ResolveThenServeAsync(http, next, page, audience);
                if (TryServe(http, page, audience.Result, out var served)) return served;
            }
            catch (Exception e) when (!http.Response.HasStarted)
            {
                CopyFailed(e);
            }
            request.RouteValues = new RouteValueDictionary();
        }
        return MissAsync(http, next);
    }

    async Task ResolveThenServeAsync(HttpContext http, RequestDelegate next, Page page, ValueTask<Audience?> audience)
    {
        Task? served = null;
        try
        {
            if (!TryServe(http, page, await audience, out served)) served = null;
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            CopyFailed(e);
        }
        if (served is not null)
        {
            await served;
            return;
        }
        http.Request.RouteValues = new RouteValueDictionary();
        await MissAsync(http, next);
    }

    void CopyFailed(Exception e) => _logger.LogDebug(e, "A page copy could not be served; the request goes on to the page");

    bool TryServe(HttpContext http, Page page, Audience? audience, out Task served)
    {
        served = Task.CompletedTask;
        if (audience is not { } known || !page.Rule.Audiences.Contains(known) || Varies(http) is not { } varies) return false;
        var request = http.Request;
        var key = new Variant(request.IsHttps, request.QueryString.Value ?? "", request.Headers.AcceptEncoding.ToString(), known, varies);
        if (!page.Copies.TryGetValue(key, out var copy)) return false;
        var now = _clock.GetUtcNow();
        if (now >= copy.Expires)
        {
            Drop(page, key, copy);
            return false;
        }
        // As the output cache answers a hit: its length, the stored headers, the age; the security headers are added as it starts.
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        if (!copy.Chunked) headers.ContentLength = copy.Body.Length;
        foreach (var (name, value) in copy.Headers) headers[name] = value;
        var age = Math.Max(0, (now - copy.Created).Ticks / TimeSpan.TicksPerSecond);
        headers.Age = age < Ages.Length ? Ages[age] : new StringValues(age.ToString(System.Globalization.CultureInfo.InvariantCulture));
        served = copy.Body.Length == 0 ? Task.CompletedTask : response.Body.WriteAsync(copy.Body, http.RequestAborted).AsTask();
        return true;
    }

    async Task MissAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var fill = new Fill(Interlocked.Read(ref _evictions), request.Path.Value ?? "", request.QueryString.Value ?? "",
            request.Headers.AcceptEncoding.ToString(), request.IsHttps, HttpMethods.IsHead(request.Method), _clock);
        http.Features.Set(fill);
        Fill.Current.Value = fill;
        try
        {
            await next(http);
        }
        finally
        {
            http.Features.Set<Fill>(null);
            Fill.Current.Value = null;
            fill.Close();
        }
        try
        {
            TryKeep(http, fill);
        }
        catch (Exception e)
        {
            // In front of the exception handler, after the page went out: a copy not made is only a copy not made.
            _logger.LogWarning(e, "A page copy could not be kept");
        }
        finally
        {
            // The request may live on a while (a kept-alive connection); the bytes it captured go now.
            fill.Release();
        }
    }

    void TryKeep(HttpContext http, Fill fill)
    {
        var response = http.Response;
        if (fill is not { Rule: { } rule, Audience: { } audience, RouteValues: { } routeValues, Stored: { } stored, Body: { } body }
            || response.StatusCode != StatusCodes.Status200OK || http.Request.Path.Value != fill.Path || fill.Evictions != Interlocked.Read(ref _evictions)) return;
        // A response that never wrote its body (HEAD, an empty page) has not started: its headers are as the output cache stored them.
        var headers = fill.Headers ?? (response.HasStarted ? null : Snapshot(response.Headers));
        if (headers is null || headers.Any(h => !Shareable(h)) || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)) return;
        // Only a request asking for nothing but what the page reads is copied: made-up parameters never add copies.
        if (QueryHelpers.ParseQuery(fill.Query).Keys.Any(k => !rule.QueryKeys.Contains(k, StringComparer.OrdinalIgnoreCase))) return;
        if (Varies(http) is not { } varies) return;
        var bytes = OneCopyOf(body.WrittenSpan, stored.Entry);
        var now = _clock.GetUtcNow();
        if (Interlocked.Read(ref _bytes) + bytes.Length > MaxBytes) DropExpired(now);
        if (Interlocked.Add(ref _bytes, bytes.Length) > MaxBytes)
        {
            Interlocked.Add(ref _bytes, -bytes.Length);
            return;
        }
        var copy = new Copy(bytes, headers, headers.Any(h => h.Key.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)),
            fill.Started ?? stored.At, stored.At + stored.ValidFor, stored.Tags);
        var pages = fill.Head ? _heads : _gets;
        var page = pages.GetOrAdd(fill.Path, _ => new Page(rule, routeValues));
        var key = new Variant(fill.Https, fill.Query, fill.Encoding, audience, varies);
        if (page.Copies.TryGetValue(key, out var replaced)) Drop(page, key, replaced);
        if (!page.Copies.TryAdd(key, copy))
        {
            Interlocked.Add(ref _bytes, -bytes.Length);
            return;
        }
        // An eviction that began meanwhile, or a sweep that let go of the page, must not leave this copy behind.
        if (fill.Evictions != Interlocked.Read(ref _evictions) || !pages.TryGetValue(fill.Path, out var current) || current != page)
            Drop(page, key, copy);
    }

    /// <summary>
    /// The body to keep. The in-memory output cache stores a right-sized array of its own that ends with the body as it went
    /// out: a copy is then that array's tail, so the node holds the page once. Anything else (Redis, a layout that differs)
    /// gets an array of its own.
    /// </summary>
    static ReadOnlyMemory<byte> OneCopyOf(ReadOnlySpan<byte> sent, byte[]? stored) =>
        stored is not null && sent.Length > 0 && stored.Length >= sent.Length && stored.AsSpan(stored.Length - sent.Length).SequenceEqual(sent)
            ? stored.AsMemory(stored.Length - sent.Length)
            : sent.ToArray();

    /// <summary>Whether a copy's body is a slice of an array the output cache stores, rather than one of its own (for tests).</summary>
    internal bool SharesBytesWithOutputCache(string path) =>
        _gets.TryGetValue(path, out var page) && page.Copies.Values.Any(c =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(c.Body, out var segment) && segment.Offset > 0);

    /// <summary>Lets go of copies past their lifetime, and of paths left without any, when the copies fill up.</summary>
    void DropExpired(DateTimeOffset now)
    {
        foreach (var pages in (ConcurrentDictionary<string, Page>[])[_gets, _heads])
            foreach (var (path, page) in pages)
            {
                foreach (var (key, copy) in page.Copies)
                    if (now >= copy.Expires) Drop(page, key, copy);
                if (page.Copies.IsEmpty) pages.TryRemove(new KeyValuePair<string, Page>(path, page));
            }
    }

    /// <summary>What the output cache would refuse to share; checked again here so a copy can never hold it.</summary>
    static bool Shareable(KeyValuePair<string, StringValues> header) =>
        !header.Key.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase)
        && !(header.Key.Equals(HeaderNames.CacheControl, StringComparison.OrdinalIgnoreCase) && header.Value.Any(v => v is not null
            && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase) || v.Contains("private", StringComparison.OrdinalIgnoreCase))));

    /// <summary>The headers as the output cache stores them: without Content-Length, Age and Request-Id.</summary>
    static KeyValuePair<string, StringValues>[] Snapshot(IHeaderDictionary headers) =>
        headers.Where(h => !h.Key.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                           && !h.Key.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)
                           && !h.Key.Equals(HeaderNames.RequestId, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>
    /// One request on its way to the output cache: what <see cref="ReaderPagePolicy"/> decided, the bytes that went out (the
    /// page as stored: compressed, after the output cache) and whether the output cache stored it.
    /// </summary>
    public sealed class Fill(long evictions, string path, string query, string encoding, bool https, bool head, TimeProvider clock)
    {
        /// <summary>The request's fill, for the output cache's store (which is not given the request).</summary>
        internal static readonly AsyncLocal<Fill?> Current = new();

        internal readonly long Evictions = evictions;
        internal readonly string Path = path, Query = query, Encoding = encoding;
        internal readonly bool Https = https, Head = head;
        internal CachedPageAttribute? Rule;
        internal Audience? Audience;
        internal RouteValueDictionary? RouteValues;
        internal KeyValuePair<string, StringValues>[]? Headers;
        internal DateTimeOffset? Started;
        /// <summary>When the output cache stored the page, for how long, its tags, and the array it keeps (an in-memory store only).</summary>
        internal (DateTimeOffset At, TimeSpan ValidFor, string[] Tags, byte[]? Entry)? Stored;
        Tee? _tee;
        bool _closed;

        internal ArrayBufferWriter<byte>? Body => _tee is { Overflowed: false } tee ? tee.Captured : null;

        /// <summary>Called by the policy for a request the cache may store: from here the bytes that go out are kept.</summary>
        internal void Admit(HttpContext http, CachedPageAttribute rule, Audience audience)
        {
            if (_closed || _tee is not null) return;
            Rule = rule;
            Audience = audience;
            RouteValues = new RouteValueDictionary(http.Request.RouteValues);
            var response = http.Response;
            _tee = new Tee(response.Body, () =>
            {
                // The output cache takes its copy of the headers just before it writes; this runs right after, before the
                // response starts (and the security headers are set), so both copies hold the same headers.
                if (!response.HasStarted && Headers is null)
                {
                    Headers = Snapshot(response.Headers);
                    Started = clock.GetUtcNow();
                }
            });
            response.Body = _tee;
        }

        internal void StoredByOutputCache(string[] tags, TimeSpan validFor, byte[]? entry)
        {
            if (!_closed) Stored = (clock.GetUtcNow(), validFor, tags, entry);
        }

        internal void Close()
        {
            _closed = true;
            if (_tee is not null) _tee.Closed = true;
        }

        /// <summary>Lets go of the captured bytes and the stored array once the copy is made (or not).</summary>
        internal void Release()
        {
            _tee?.Release();
            Stored = Stored is { } stored ? stored with { Entry = null } : null;
        }
    }

    /// <summary>Passes every write through and keeps a copy of what was written, up to <see cref="MaxCopyBytes"/>.</summary>
    sealed class Tee(Stream inner, Action beforeFirstWrite) : Stream
    {
        public ArrayBufferWriter<byte>? Captured { get; private set; } = new();
        public bool Overflowed, Closed;

        public void Release()
        {
            Closed = true;
            Captured = null;
        }
        bool _started;

        void Keep(ReadOnlySpan<byte> bytes)
        {
            Begin();
            if (Closed || Overflowed || Captured is not { } captured) return;
            if (captured.WrittenCount + bytes.Length > MaxCopyBytes) Overflowed = true;
            else captured.Write(bytes);
        }

        void Begin()
        {
            if (_started) return;
            _started = true;
            beforeFirstWrite();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Keep(buffer);
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Keep(buffer.AsSpan(offset, count));
            return inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
            Begin();
            inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Begin();
            return inner.FlushAsync(cancellationToken);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>
/// The output cache's store, told to the request's <see cref="PageCopies.Fill"/> when it stores a page: a copy is made
/// exactly when the output cache keeps one, with its tags and lifetime.
/// </summary>
class FillingOutputCacheStore(IOutputCacheStore inner) : IOutputCacheStore
{
    protected readonly IOutputCacheStore Inner = inner;

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => Inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => Inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        await Inner.SetAsync(key, value, tags, validFor, cancellationToken);
        // The in-memory store keeps this very array (the output cache made it for the store alone): the copy shares it.
        PageCopies.Fill.Current.Value?.StoredByOutputCache(tags ?? [], validFor, Inner is IOutputCacheBufferStore ? null : value);
    }
}

/// <summary>The same for a store that takes buffers (Redis): the output cache uses that form when the store offers it.</summary>
sealed class FillingOutputCacheBufferStore(IOutputCacheBufferStore buffers) : FillingOutputCacheStore(buffers), IOutputCacheBufferStore
{
    IOutputCacheBufferStore Buffers => (IOutputCacheBufferStore)Inner;

    public ValueTask<bool> TryGetAsync(string key, System.IO.Pipelines.PipeWriter destination, CancellationToken cancellationToken) =>
        Buffers.TryGetAsync(key, destination, cancellationToken);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        // The tags are lent for the call only: they are copied before it returns.
        var kept = tags.ToArray();
        await Buffers.SetAsync(key, value, tags, validFor, cancellationToken);
        PageCopies.Fill.Current.Value?.StoredByOutputCache(kept, validFor, null);
    }
}

public static class PageCopiesServices
{
    /// <summary>The copies, and the output cache's store (memory or Redis, as registered before) wrapped to fill them.</summary>
    public static IServiceCollection AddPageCopies(this IServiceCollection services)
    {
        services.AddSingleton<PageCopies>();
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore))
            ?? throw new InvalidOperationException("AddPageCopies wraps the output cache's store: call it after AddOutputCache.");
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(sp =>
        {
            var inner = (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
            return inner is IOutputCacheBufferStore buffers ? new FillingOutputCacheBufferStore(buffers) : new FillingOutputCacheStore(inner);
        });
        return services;
    }

    /// <summary>In front of routing, after the Accept-Encoding normalisation the copies are keyed by.</summary>
    public static IApplicationBuilder UsePageCopies(this IApplicationBuilder app)
    {
        var copies = app.ApplicationServices.GetRequiredService<PageCopies>();
        return app.Use(next => http => copies.InvokeAsync(http, next));
    }
}
