using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>
/// The node's own copies of cached pages, answered before routing: the same page the output cache would answer, for the
/// same readers only, gone when an eviction names it (on every node).
/// </summary>
public class PageCopiesTests(CachedPageAudienceTests.MembersFactory app) : IClassFixture<CachedPageAudienceTests.MembersFactory>
{
    static readonly string[] SecurityHeaderNames =
        ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"];

    async Task<Saved> StoryAsync(string title)
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        return await api.PublishAsync(NewsroomApi.Story(title));
    }

    /// <summary>Changes a headline behind the cache's back: no eviction, so only a fresh render shows it.</summary>
    static async Task RetitleQuietlyAsync(WartaFactory node, Guid id, string title)
    {
        using var scope = node.Services.CreateScope();
        await node.Db(scope).Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, title));
    }

    [Fact]
    public async Task A_cached_article_is_answered_from_the_copy_with_the_same_security_headers_until_an_eviction_drops_it()
    {
        var story = await StoryAsync("Salinan halaman pertama");
        var reader = app.ReaderClient();
        var rendered = await reader.GetAsync(story.Url);
        var copied = await reader.GetAsync(story.Url);
        Assert.NotNull(copied.Headers.Age);
        Assert.Equal(await rendered.Content.ReadAsStringAsync(), await copied.Content.ReadAsStringAsync());
        foreach (var name in SecurityHeaderNames)
            Assert.Equal(rendered.Headers.GetValues(name).Single(), copied.Headers.GetValues(name).Single());

        // The output cache's entry and the cached reads go, the copy stays: only the copy can still show the old headline.
        await RetitleQuietlyAsync(app, story.Id, "Judul yang diam-diam berubah");
        await app.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CacheTags.Article(story.Id), CancellationToken.None);
        app.Services.GetRequiredService<CachedReads>().ForgetHere(CacheTags.Article(story.Id), CacheTags.Lists);
        Assert.Equal("Salinan halaman pertama", (await reader.GetPageAsync(story.Url)).Text("h1"));

        await app.Services.GetRequiredService<PageCache>().EvictAsync(CacheTags.Article(story.Id));
        Assert.Equal("Judul yang diam-diam berubah", (await reader.GetPageAsync(story.Url)).Text("h1"));
    }

    [Fact]
    public async Task An_entitled_readers_copy_is_never_served_to_an_anonymous_reader()
    {
        // Search declares every audience: the entitled reader's copy is kept, and kept apart.
        var entitled = app.ReaderClient();
        entitled.DefaultRequestHeaders.Add("Cookie", CookieAudienceResolver.AudienceCookie + "=entitled");
        await entitled.GetAsync("/cari?q=salinan");
        Assert.NotNull((await entitled.GetAsync("/cari?q=salinan")).Headers.Age);

        var anonymous = app.ReaderClient();
        Assert.Null((await anonymous.GetAsync("/cari?q=salinan")).Headers.Age);
        Assert.NotNull((await anonymous.GetAsync("/cari?q=salinan")).Headers.Age);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Each_encoding_has_a_copy_of_its_own_that_unpacks_to_the_page(string encoding)
    {
        var story = await StoryAsync("Salinan terkompresi " + encoding);
        var plain = await (await app.ReaderClient().GetAsync(story.Url)).Content.ReadAsStringAsync();
        var client = app.ReaderClient();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        await client.GetAsync(story.Url);
        var copied = await client.GetAsync(story.Url);

        Assert.NotNull(copied.Headers.Age);
        Assert.Equal(encoding, copied.Content.Headers.ContentEncoding.Single());
        await using var packed = await copied.Content.ReadAsStreamAsync();
        await using Stream unpacked = encoding == "br" ? new BrotliStream(packed, CompressionMode.Decompress) : new GZipStream(packed, CompressionMode.Decompress);
        Assert.Equal(plain, await new StreamReader(unpacked).ReadToEndAsync());
    }

    [Fact]
    public async Task A_head_request_is_answered_from_a_copy_of_its_own()
    {
        var story = await StoryAsync("Salinan untuk HEAD");
        var copies = app.Services.GetRequiredService<PageCopies>();
        var before = copies.Count;
        var reader = app.ReaderClient();
        var first = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, story.Url));
        var second = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, story.Url));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal("text/html", second.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before + 1, copies.Count);
    }

    [Fact]
    public async Task A_page_that_sets_a_cookie_or_says_private_is_never_copied_and_renders_every_time()
    {
        var copies = app.Services.GetRequiredService<PageCopies>();
        var before = copies.Count;
        var withCookie = await RenderTwiceAsync(http =>
        {
            http.Response.Headers.SetCookie = "warta_meter=x; path=/";
            return Task.CompletedTask;
        });
        var personal = await RenderTwiceAsync(http =>
        {
            http.Response.Headers.CacheControl = "private, no-store";
            return Task.CompletedTask;
        });
        var missing = await RenderTwiceAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        var plain = await RenderTwiceAsync(_ => Task.CompletedTask);

        Assert.Equal(2, withCookie);
        Assert.Equal(2, personal);
        Assert.Equal(2, missing);
        Assert.Equal(1, plain);
        Assert.Equal(before + 1, copies.Count);
    }

    /// <summary>
    /// Sends one request twice through the copies in front of the app's own cache policy and store, with a page that
    /// <paramref name="shape"/>s its response; says how many times the page rendered.
    /// </summary>
    async Task<int> RenderTwiceAsync(Func<HttpContext, Task> shape)
    {
        var copies = app.Services.GetRequiredService<PageCopies>();
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        var policy = (IOutputCachePolicy)app.Services.GetRequiredService<ReaderPagePolicy>();
        var path = "/uji/" + Guid.NewGuid().ToString("N");
        var endpoint = new Endpoint(null, new EndpointMetadataCollection(new CachedPageAttribute()), "test page");
        var renders = 0;
        for (var i = 0; i < 2; i++)
        {
            var http = new DefaultHttpContext { RequestServices = app.Services };
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = path;
            http.Request.Headers.AcceptEncoding = Compression.Identity;
            var sent = new MemoryStream();
            http.Response.Body = sent;
            await copies.InvokeAsync(http, async context =>
            {
                renders++;
                context.SetEndpoint(endpoint);
                var cache = new OutputCacheContext { HttpContext = context };
                await policy.CacheRequestAsync(cache, CancellationToken.None);
                context.Response.ContentType = "text/html; charset=utf-8";
                await shape(context);
                await context.Response.Body.WriteAsync("<p>halaman uji</p>"u8.ToArray());
                await policy.ServeResponseAsync(cache, CancellationToken.None);
                if (cache.AllowCacheStorage)
                    await store.SetAsync(path, [1], [.. cache.Tags], TimeSpan.FromSeconds(30), CancellationToken.None);
            });
            Assert.Equal("<p>halaman uji</p>", System.Text.Encoding.UTF8.GetString(sent.ToArray()));
        }
        return renders;
    }
}

/// <summary>Two nodes on one database and one Redis: an eviction on one drops the other's copies.</summary>
public class PageCopiesAcrossNodesTests
{
    [Fact]
    public async Task An_eviction_on_one_node_drops_the_copy_the_other_node_answers_from()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Warta:Redis"] = Environment.GetEnvironmentVariable("WARTA_TEST_REDIS")
                ?? throw new InvalidOperationException("WARTA_TEST_REDIS must name a Redis server (scripts/test.sh starts one)."),
            ["Warta:RedisPrefix"] = "warta-test-" + Guid.NewGuid().ToString("N")[..8] + ":",
        };
        using var nodeA = new WartaNode(null, settings);
        var api = await nodeA.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = await api.PublishAsync(NewsroomApi.Story("Salinan di dua server"));
        using var nodeB = new WartaNode(nodeA, settings);

        var readerB = nodeB.ReaderClient();
        await readerB.GetAsync(story.Url);
        var copiesB = nodeB.Services.GetRequiredService<PageCopies>();
        Assert.Equal(1, copiesB.Count);

        using (var scope = nodeA.Services.CreateScope())
            await nodeA.Db(scope).Articles.Where(a => a.Id == story.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Judul baru dari node A"));
        await nodeA.Services.GetRequiredService<PageCache>().EvictAsync(CacheTags.Article(story.Id));

        // The notice travels through Redis: node B drops its copy when it arrives.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (copiesB.Count > 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
        Assert.Equal(0, copiesB.Count);
        Assert.Equal("Judul baru dari node A", (await readerB.GetPageAsync(story.Url)).Text("h1"));
    }
}
