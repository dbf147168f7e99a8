using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Warta.Web.Shared;

public sealed class CacheOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>How long a reader page may be served from the cache; bounds the age of the ticker values on it.</summary>
    public int PageSeconds { get; set; } = 30;

    /// <summary>Readers without JavaScript must never see ticker values more than a minute old.</summary>
    public const int MaxPageSeconds = 50;

    public CacheOptions Validated() => PageSeconds is >= 1 and <= MaxPageSeconds
        ? this
        : throw new InvalidOperationException($"Warta:Cache:PageSeconds is {PageSeconds}; it must be between 1 and {MaxPageSeconds}, so ticker values on a cached page stay under a minute old.");
}

/// <summary>
/// The shared cache's one policy. It takes every decision from the endpoint's <see cref="CachedPageAttribute"/>: an endpoint
/// without one (staff pages, APIs, the live ticker stream, assets) is never cached. Only GETs and HEADs are cached, the key
/// carries the reader's <see cref="Audience"/> so a reader with other rights never receives another's page, and signed-in
/// staff bypass the cache entirely.
/// </summary>
public sealed class ReaderPagePolicy(CacheOptions options, IAudienceResolver audiences, IEnumerable<ICacheVariation> variations) : IOutputCachePolicy
{
    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (http.GetEndpoint()?.Metadata.GetMetadata<CachedPageAttribute>() is not { } page)
        {
            context.EnableOutputCaching = false;
            return;
        }
        var audience = options.Enabled
                       && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                       && !request.Cookies.ContainsKey(StaffCookie)
            ? await audiences.ResolveAsync(http)
            : null;
        var cacheable = audience is { } known && page.Audiences.Contains(known);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(page.Seconds > 0 ? page.Seconds : options.PageSeconds);
        // The page is rendered from exactly what the key holds: every other query parameter (a preview token, a tracking
        // tag, anything a reader makes up) is taken off the request before the page runs, so no page can read an input the
        // key does not carry, and nothing a reader adds ends up in the page everyone else is served.
        if (cacheable) request.Query = KeyedQuery(request.Query, page.QueryKeys);
        // The node's own copy (PageCopies) keeps the bytes that go out from here, should the output cache store them.
        if (cacheable && http.Features.Get<PageCopies.Fill>() is { } fill) fill.Admit(http, page, audience!.Value);
        context.CacheVaryByRules.QueryKeys = new StringValues(page.QueryKeys);
        // One stored variant per encoding; Compression has reduced the header to br, gzip or identity.
        context.CacheVaryByRules.HeaderNames = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;
        // Pages are built from the configured public address, never the Host header: a forged Host must not add copies.
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.VaryByValues["audience"] = audience?.ToString() ?? "";
        foreach (var variation in variations) variation.AddTo(http, context.CacheVaryByRules.VaryByValues);
        foreach (var tag in page.Tags) context.Tags.Add(tag);
    }

    static IQueryCollection KeyedQuery(IQueryCollection query, string[] keys)
    {
        if (query.Keys.All(k => keys.Contains(k, StringComparer.OrdinalIgnoreCase))) return query;
        var kept = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
            if (query.TryGetValue(key, out var value)) kept[key] = value;
        return new QueryCollection(kept);
    }

    /// <summary>The staff sign-in cookie; its presence alone bypasses the shared cache.</summary>
    public const string StaffCookie = "warta_staff";

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A page that says it is for this reader alone (a preview, anything personal) is never shared, whatever its key.
        var personal = response.Headers.CacheControl.Any(v => v is not null
            && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase) || v.Contains("private", StringComparison.OrdinalIgnoreCase)));
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie) || personal)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
