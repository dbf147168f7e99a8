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
}
