using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>
/// A page caches only the audiences it declares: with a resolver that places member-cookie holders as signed-in readers
/// (as the members feature will), a page declaring only anonymous readers still renders fresh for them.
/// </summary>
public class CachedPageAudienceTests(CachedPageAudienceTests.MembersFactory app) : IClassFixture<CachedPageAudienceTests.MembersFactory>
{
    public sealed class MembersFactory : WartaFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAudienceResolver, MemberCookieIsReader>());
        }
    }

    /// <summary>The member cookie <c>entitled</c> places an entitled reader, any other a signed-in reader.</summary>
    sealed class MemberCookieIsReader : IAudienceResolver
    {
        public ValueTask<Audience?> ResolveAsync(HttpContext http) => ValueTask.FromResult<Audience?>(
            http.Request.Cookies.TryGetValue(CookieAudienceResolver.AudienceCookie, out var member)
                ? member == "entitled" ? Audience.Entitled : Audience.Reader
                : Audience.Anonymous);
    }

    async Task<OutputCacheContext> DecideAsync(string address, string? cookie = null)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services };
        var path = address.Split('?')[0];
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(address[path.Length..]);
        if (cookie is not null) http.Request.Headers.Cookie = cookie;
        http.SetEndpoint(AppEndpoints.For(app, path, HttpMethods.Get));
        var context = new OutputCacheContext { HttpContext = http };
        await ((IOutputCachePolicy)app.Services.GetRequiredService<ReaderPagePolicy>()).CacheRequestAsync(context, CancellationToken.None);
        return context;
    }

    [Fact]
    public async Task A_page_that_declares_no_reader_audience_is_not_served_from_the_cache_to_a_signed_in_reader()
    {
        var anonymous = app.ReaderClient();
        await anonymous.GetAsync("/");
        Assert.NotNull((await anonymous.GetAsync("/")).Headers.Age);

        var member = app.ReaderClient();
        member.DefaultRequestHeaders.Add("Cookie", CookieAudienceResolver.AudienceCookie + "=pembaca");
        var first = await member.GetAsync("/");
        var second = await member.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task An_endpoint_that_declares_the_reader_audience_is_shared_among_readers_apart_from_anonymous_copies()
    {
        var path = "/media/" + Guid.NewGuid() + "/w640.webp";
        var reader = await DecideAsync(path, CookieAudienceResolver.AudienceCookie + "=pembaca");
        var anonymous = await DecideAsync(path);
        Assert.True(reader.AllowCacheLookup && reader.AllowCacheStorage);
        Assert.Equal(nameof(Audience.Reader), reader.CacheVaryByRules.VaryByValues["audience"]);
        Assert.Equal(nameof(Audience.Anonymous), anonymous.CacheVaryByRules.VaryByValues["audience"]);
        Assert.False((await DecideAsync("/", CookieAudienceResolver.AudienceCookie + "=pembaca")).AllowCacheLookup);
    }

    [Fact]
    public async Task Staff_are_neither_served_from_nor_stored_into_the_cache_even_on_a_page_open_to_every_audience()
    {
        var staff = await DecideAsync("/media/" + Guid.NewGuid() + "/w640.webp", ReaderPagePolicy.StaffCookie + "=x");
        Assert.False(staff.AllowCacheLookup);
        Assert.False(staff.AllowCacheStorage);
    }

    [Theory]
    [InlineData("/kanal/ekonomi?halaman=2&rentang=1b&q=emas&utm_source=x", "halaman")]
    [InlineData("/indikator/ihsg?halaman=2&rentang=1b&q=emas", "halaman,rentang")]
    [InlineData("/akademi?q=emas&halaman=3", "halaman")]
    public async Task Only_the_query_keys_a_page_declares_reach_it(string address, string kept)
    {
        var context = await DecideAsync(address);
        var http = context.HttpContext;
        Assert.Equal(kept, string.Join(",", http.Request.Query.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(kept, string.Join(",", context.CacheVaryByRules.QueryKeys.Order(StringComparer.Ordinal)));
    }
}
