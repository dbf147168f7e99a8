using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Shared;

namespace Warta.Tests.Shared;

/// <summary>
/// The copies are answered in front of the exception handler and of everything else: a copy served still counts as a read,
/// a failure on the way to a copy still ends on the friendly error page, and the node holds each page's bytes once.
/// </summary>
public class PageCopyHitPathTests(PageCopyHitPathTests.FailingFactory app) : IClassFixture<PageCopyHitPathTests.FailingFactory>
{
    const string FailHeader = "X-Uji-Gagal";

    public sealed class FailingFactory : WartaFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAudienceResolver, FailsWhenAsked>());
        }
    }

    /// <summary>Places every reader as anonymous, and fails for a request that carries <see cref="FailHeader"/>.</summary>
    sealed class FailsWhenAsked : IAudienceResolver
    {
        public ValueTask<Audience?> ResolveAsync(HttpContext http) => http.Request.Headers.ContainsKey(FailHeader)
            ? throw new InvalidOperationException("audience failure: internal detail")
            : ValueTask.FromResult<Audience?>(Audience.Anonymous);
    }

    async Task<Saved> StoryAsync(string title)
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        return await api.PublishAsync(NewsroomApi.Story(title));
    }

    [Fact]
    public async Task A_read_answered_from_a_copy_counts_as_a_view()
    {
        var story = await StoryAsync("Salinan yang tetap dihitung");
        Assert.Null((await app.ReaderClient().GetAsync(story.Url)).Headers.Age);
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1");
        Assert.NotNull((await phone.GetAsync(story.Url)).Headers.Age);

        await app.FlushViewsAsync();
        Assert.Equal(2, await app.InDbAsync(db => db.ArticleViews.Where(v => v.ArticleId == story.Id).SumAsync(v => v.Views)));
    }

    [Fact]
    public async Task A_failure_on_the_way_to_a_copy_still_gives_the_friendly_error_page_with_every_security_header()
    {
        var story = await StoryAsync("Salinan yang gagal diantar");
        var reader = app.ReaderClient();
        var rendered = await reader.GetAsync(story.Url);
        Assert.NotNull((await reader.GetAsync(story.Url)).Headers.Age);

        var failing = app.ReaderClient();
        failing.DefaultRequestHeaders.Add(FailHeader, "1");
        var failed = await failing.GetAsync(story.Url);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(ErrorPages.ServerError, await failed.Content.ReadAsStringAsync());
        foreach (var name in (string[])["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"])
            Assert.Equal(rendered.Headers.GetValues(name).Single(), failed.Headers.GetValues(name).Single());

        // The copy is untouched: the next reader still gets it.
        Assert.NotNull((await reader.GetAsync(story.Url)).Headers.Age);
    }

    [Fact]
    public async Task A_copy_holds_the_page_in_the_array_the_output_cache_stores_rather_than_in_one_of_its_own()
    {
        var story = await StoryAsync("Salinan yang disimpan sekali");
        var reader = app.ReaderClient();
        var rendered = await (await reader.GetAsync(story.Url)).Content.ReadAsStringAsync();
        var copied = await reader.GetAsync(story.Url);
        Assert.NotNull(copied.Headers.Age);
        Assert.Equal(rendered, await copied.Content.ReadAsStringAsync());
        Assert.True(app.Services.GetRequiredService<PageCopies>().SharesBytesWithOutputCache(story.Url));
    }
}
