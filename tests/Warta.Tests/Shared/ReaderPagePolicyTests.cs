using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

public class ReaderPagePolicyTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    /// <summary>The policy's decision for a request that routing has matched to the app's own endpoint, as it is in the pipeline.</summary>
    async Task<OutputCacheContext> DecideAsync(string path, string method = "GET", string? cookie = null, CacheOptions? options = null)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Method = method;
        http.Request.Path = path;
        if (cookie is not null) http.Request.Headers.Cookie = cookie;
        http.SetEndpoint(AppEndpoints.For(app, path, method));
        var context = new OutputCacheContext { HttpContext = http };
        var policy = new ReaderPagePolicy(options ?? new CacheOptions(), app.Services.GetRequiredService<IAudienceResolver>(), app.Services.GetServices<ICacheVariation>());
        await ((IOutputCachePolicy)policy).CacheRequestAsync(context, CancellationToken.None);
        return context;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/berita/rupiah-menguat")]
    [InlineData("/kanal/ekonomi")]
    [InlineData("/tag/rupiah")]
    [InlineData("/penulis/dewi-lestari")]
    [InlineData("/akademi")]
    public async Task Caches_anonymous_reads_of_reader_pages(string path)
    {
        var decision = await DecideAsync(path);
        Assert.True(decision.EnableOutputCaching && decision.AllowCacheLookup && decision.AllowCacheStorage);
        Assert.Contains(CacheTags.Lists, decision.Tags);
    }

    [Fact]
    public async Task The_live_ticker_stream_is_never_cached()
    {
        var decision = await DecideAsync(Warta.Web.Markets.Live.LiveTicker.Path);
        Assert.False(decision.EnableOutputCaching && decision.AllowCacheStorage);
    }

    [Fact]
    public async Task A_cached_page_never_shows_ticker_values_older_than_a_minute()
    {
        var decision = await DecideAsync("/");
        Assert.True(decision.ResponseExpirationTimeSpan + TickerService.Lifetime <= TimeSpan.FromSeconds(60));
        var longest = await DecideAsync("/", options: new CacheOptions { PageSeconds = CacheOptions.MaxPageSeconds });
        Assert.True(longest.ResponseExpirationTimeSpan + TickerService.Lifetime <= TimeSpan.FromSeconds(60));
        Assert.Throws<InvalidOperationException>(() => new CacheOptions { PageSeconds = 120 }.Validated());
    }

    [Theory]
    [InlineData("/", "POST", null)]
    [InlineData("/", "GET", "warta_staff=abc")]
    [InlineData("/berita/x", "GET", "warta_member=abc")]
    public async Task Never_shares_a_page_with_a_signed_in_reader_or_a_form_post(string path, string method, string? cookie)
    {
        var decision = await DecideAsync(path, method, cookie);
        Assert.False(decision.AllowCacheLookup);
        Assert.False(decision.AllowCacheStorage);
    }

    [Theory]
    [InlineData("/redaksi")]
    [InlineData("/redaksi/masuk")]
    [InlineData("/api/admin/articles")]
    [InlineData("/healthz")]
    public async Task Leaves_staff_pages_and_the_api_alone(string path) => Assert.False((await DecideAsync(path)).EnableOutputCaching);

    [Fact]
    public async Task Readers_who_dismissed_the_banner_get_their_own_copy()
    {
        var shown = await DecideAsync("/");
        var dismissed = await DecideAsync("/", cookie: "warta_promo_top=3");
        Assert.NotEqual(shown.CacheVaryByRules.VaryByValues["top"], dismissed.CacheVaryByRules.VaryByValues["top"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(CacheOptions.MaxPageSeconds)]
    public void A_page_lifetime_from_one_second_to_the_longest_is_accepted(int seconds)
    {
        var options = new CacheOptions { PageSeconds = seconds };
        Assert.Same(options, options.Validated());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(CacheOptions.MaxPageSeconds + 1)]
    public void A_page_lifetime_outside_the_range_stops_the_app_and_says_why(int seconds)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new CacheOptions { PageSeconds = seconds }.Validated());
        Assert.Equal($"Warta:Cache:PageSeconds is {seconds}; it must be between 1 and 50, so ticker values on a cached page stay under a minute old.", refused.Message);
    }

    [Fact]
    public async Task A_page_keeps_its_copy_for_the_configured_lifetime_and_an_endpoint_for_the_lifetime_it_declares()
    {
        var options = new CacheOptions { PageSeconds = 17 };
        Assert.Equal(TimeSpan.FromSeconds(17), (await DecideAsync("/", options: options)).ResponseExpirationTimeSpan);

        var media = "/media/" + Guid.NewGuid() + "/w640.webp";
        var declared = AppEndpoints.For(app, media, HttpMethods.Get)!.Metadata.GetMetadata<CachedPageAttribute>()!.Seconds;
        Assert.NotEqual(0, declared);
        Assert.Equal(TimeSpan.FromSeconds(declared), (await DecideAsync(media, options: options)).ResponseExpirationTimeSpan);
    }

    [Fact]
    public async Task A_reader_page_asked_for_under_another_host_name_is_served_the_copy_already_cached()
    {
        await app.Services.GetRequiredService<PageCache>().EvictAsync(CacheTags.Lists);
        var reader = app.ReaderClient();
        var first = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/akademi") { Headers = { Host = "warta.example" } });
        var forged = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/akademi") { Headers = { Host = "palsu.example" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(forged.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await forged.Content.ReadAsStringAsync());
    }

    /// <summary>What the policy decides once the page has rendered: may this response go into the shared cache?</summary>
    static async Task<bool> StorableAsync(int status, string? cacheControl, string? setCookie)
    {
        var http = new DefaultHttpContext();
        http.Response.StatusCode = status;
        if (cacheControl is not null) http.Response.Headers.CacheControl = cacheControl;
        if (setCookie is not null) http.Response.Headers.SetCookie = setCookie;
        var context = new OutputCacheContext { HttpContext = http, AllowCacheStorage = true };
        var policy = new ReaderPagePolicy(new CacheOptions(), new CookieAudienceResolver(), []);
        await ((IOutputCachePolicy)policy).ServeResponseAsync(context, CancellationToken.None);
        return context.AllowCacheStorage;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("public, max-age=31536000, immutable")]
    [InlineData("public, max-age=86400")]
    public async Task A_plain_ok_response_is_stored(string? cacheControl) => Assert.True(await StorableAsync(200, cacheControl, null));

    [Theory]
    [InlineData("private, no-store")]
    [InlineData("no-store, private")]
    [InlineData("no-store")]
    [InlineData("private")]
    [InlineData("No-Store")]
    public async Task A_response_marked_for_this_reader_alone_is_never_stored(string cacheControl) =>
        Assert.False(await StorableAsync(200, cacheControl, null));

    [Theory]
    [InlineData(404)]
    [InlineData(302)]
    [InlineData(500)]
    public async Task A_response_other_than_ok_is_never_stored(int status) => Assert.False(await StorableAsync(status, "public, max-age=60", null));

    [Fact]
    public async Task A_response_that_sets_a_cookie_is_never_stored() =>
        Assert.False(await StorableAsync(200, "public, max-age=60", "warta_promo_top=3; path=/"));
}
