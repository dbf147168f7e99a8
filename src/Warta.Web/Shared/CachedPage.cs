namespace Warta.Web.Shared;

/// <summary>
/// Marks a page (or a minimal endpoint, through <c>.WithMetadata</c>) as one the shared cache may hold, and says how.
/// An endpoint without it is never cached. Extension point: every new reader page declares one.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class CachedPageAttribute(params string[] queryKeys) : Attribute
{
    /// <summary>The query parameters the page reads; each is part of the key, and every other one is removed before the page runs.</summary>
    public string[] QueryKeys { get; } = queryKeys;

    /// <summary>How long a copy lives; 0 means the configured <see cref="CacheOptions.PageSeconds"/>.</summary>
    public int Seconds { get; set; }

    /// <summary>The tags an eviction names to drop the copies; reader pages show Terbaru, so by default they go with every list.</summary>
    public string[] Tags { get; set; } = [CacheTags.Lists];

    /// <summary>
    /// The audiences served from and stored into the cache; any other reader gets a fresh render. By default the readers
    /// without a session, whose page is the same whatever their meter says (a premium story read on the meter says
    /// <c>no-store</c> and is never kept).
    /// </summary>
    public Audience[] Audiences { get; set; } = [Audience.Anonymous, Audience.Metered];
}

/// <summary>Whom a cached copy was rendered for: each audience has copies of its own.</summary>
public enum Audience
{
    /// <summary>No staff or member cookie, and no premium reads left this month: premium stories are cut.</summary>
    Anonymous,
    /// <summary>No staff or member cookie, with premium reads left on the meter this month (or no meter cookie yet).</summary>
    Metered,
    /// <summary>A signed-in reader without a paid plan.</summary>
    Reader,
    /// <summary>A signed-in reader whose plan opens paid stories.</summary>
    Entitled,
}

/// <summary>
/// Says which <see cref="Audience"/> a request belongs to, or null when it must neither read nor fill the shared cache.
/// Extension point: the members feature replaces the default with one that knows its readers.
/// </summary>
public interface IAudienceResolver
{
    ValueTask<Audience?> ResolveAsync(HttpContext http);
}

/// <summary>Until readers can sign in, anyone carrying the member cookie is someone the cache cannot place, so it is bypassed.</summary>
public sealed class CookieAudienceResolver : IAudienceResolver
{
    /// <summary>The cookie a later members feature sets for signed-in readers.</summary>
    public const string AudienceCookie = "warta_member";

    public ValueTask<Audience?> ResolveAsync(HttpContext http) =>
        ValueTask.FromResult<Audience?>(http.Request.Cookies.ContainsKey(AudienceCookie) ? null : Audience.Anonymous);
}

/// <summary>
/// A feature's own addition to every cached page's key (Promos: which top banner this reader dismissed), so the
/// cache policy needs to know no feature. Extension point: register one with <c>AddSingleton&lt;ICacheVariation, ...&gt;</c>.
/// </summary>
public interface ICacheVariation
{
    void AddTo(HttpContext http, IDictionary<string, string> varyBy);
}
