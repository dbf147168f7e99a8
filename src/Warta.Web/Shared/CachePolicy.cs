using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Warta.Web.Promos;

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
/// The reader pages' cache policy, applied to every request and selecting reader pages by path. Only anonymous GETs are cached, and the key carries the reader's "audience"
/// (what this reader may see) so a reader with other rights never receives another's page.
/// Signed-in staff bypass the cache entirely.
/// </summary>
public sealed class ReaderPagePolicy(CacheOptions options) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (request.Path.StartsWithSegments("/media") && HttpMethods.IsGet(request.Method))
        {
            // A media id's bytes never change: an hour in the cache saves the database a read per image.
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = context.AllowCacheStorage = options.Enabled;
            context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
            context.Tags.Add("media");
            return ValueTask.CompletedTask;
        }
        if (!IsReaderPage(request.Path))
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }
        var cacheable = options.Enabled
                        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                        && !request.Cookies.ContainsKey(StaffCookie)
                        && !request.Cookies.ContainsKey(AudienceCookie);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.PageSeconds);
        // The page is rendered from exactly what the key holds: every other query parameter (a preview token, a tracking
        // tag, anything a reader makes up) is taken off the request before routing, so no page can read an input the key
        // does not carry, and nothing a reader adds ends up in the page everyone else is served.
        if (cacheable) request.Query = KeyedQuery(request.Query);
        context.CacheVaryByRules.QueryKeys = new StringValues(QueryKeys);
        // One stored variant per encoding; Compression has reduced the header to br, gzip or identity.
        context.CacheVaryByRules.HeaderNames = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;
        // Pages are built from the configured public address, never the Host header: a forged Host must not add copies.
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.VaryByValues["audience"] = "anonymous";
        context.CacheVaryByRules.VaryByValues["top"] = Warta.Web.Promos.PromoCookies.TopDismissed(request) ?? "";
        context.Tags.Add(CacheTags.Lists);
        return ValueTask.CompletedTask;
    }

    /// <summary>The query parameters reader pages read; each one is part of the cache key.</summary>
    public static readonly string[] QueryKeys = ["halaman", "q", "rentang"];

    static IQueryCollection KeyedQuery(IQueryCollection query)
    {
        if (query.Keys.All(k => QueryKeys.Contains(k, StringComparer.OrdinalIgnoreCase))) return query;
        var kept = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in QueryKeys)
            if (query.TryGetValue(key, out var value)) kept[key] = value;
        return new QueryCollection(kept);
    }

    static readonly string[] ReaderSections = ["/berita", "/kanal", "/tag", "/penulis", "/akademi", "/langganan", "/indikator"];

    /// <summary>The public pages this policy caches; it runs before routing, so it knows them by path.</summary>
    public static bool IsReaderPage(PathString path)
    {
        if (!path.HasValue || path.Value == "/") return true;
        // The live ticker is an endless stream: caching it would hold every reader on the first one's response.
        if (path.StartsWithSegments(Markets.Live.LiveTicker.Path)) return false;
        foreach (var section in ReaderSections)
            if (path.StartsWithSegments(section)) return true;
        return false;
    }

    /// <summary>The staff sign-in cookie; its presence alone bypasses the shared cache.</summary>
    public const string StaffCookie = "warta_staff";

    /// <summary>The cookie a later members feature sets for signed-in readers; its presence alone bypasses the shared cache.</summary>
    public const string AudienceCookie = "warta_member";

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

