using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;

namespace Warta.Tests.Reader;

/// <summary>The blocks around every public page (header navigation, ticker, promos, sidebar) come from view components their features own.</summary>
public class SiteBlocksTests(DemoWartaFactory app) : IClassFixture<DemoWartaFactory>
{
    static readonly string[] Blocks = ["#promo-top", "nav.channels", "section.ticker", "#terbaru", "#terpopuler", "section.academy", "#promo-popup"];

    [Fact]
    public async Task Every_block_appears_exactly_once_on_the_pages_of_each_feature()
    {
        var (story, course) = await app.InDbAsync(async db => (
            await db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Slug).FirstAsync(),
            await db.Courses.Select(c => c.Slug).FirstAsync()));
        foreach (var path in new[] { "/", StoryLinks.UrlOf(story), "/indikator", "/indikator/ihsg", "/akademi", "/akademi/" + course, "/langganan" })
        {
            var page = await app.ReaderClient().GetPageAsync(path);
            foreach (var block in Blocks)
                Assert.True(page.QuerySelectorAll(block).Length == 1, $"{path}: {page.QuerySelectorAll(block).Length} of {block}");
            Assert.Equal(3, page.QuerySelectorAll("section.academy .course").Length);
            Assert.Equal(8, page.QuerySelectorAll("#terbaru + ol li").Length);
        }
    }

    [Fact]
    public async Task The_header_marks_the_channel_being_read_and_beranda_only_on_the_home_page()
    {
        var channel = await app.InDbAsync(db => db.Channels.OrderBy(c => c.Slug).FirstAsync());
        var home = await app.ReaderClient().GetPageAsync("/");
        Assert.Equal(["Beranda"], home.QuerySelectorAll("nav.channels a.on").Select(a => a.TextContent));
        var list = await app.ReaderClient().GetPageAsync("/kanal/" + channel.Slug);
        Assert.Equal([channel.Name], list.QuerySelectorAll("nav.channels a.on").Select(a => a.TextContent));
    }

    [Fact]
    public async Task A_reader_who_closed_the_top_banner_still_gets_the_popup()
    {
        var version = await app.InDbAsync(db => db.Promos.Where(p => p.Slot == "top").Select(p => p.Version).FirstAsync());
        var reader = app.ReaderClient();
        reader.DefaultRequestHeaders.Add("Cookie", $"{PromoCookies.Top}={version}");
        var home = await reader.GetPageAsync("/");
        Assert.Null(home.QuerySelector("#promo-top"));
        Assert.Single(home.QuerySelectorAll("#promo-popup"));
    }
}

/// <summary>The not-found page needs nothing from the database: when what broke is the database behind the header, it still renders.</summary>
public class BrokenDatabaseTests(BrokenDatabaseTests.BreakableFactory app) : IClassFixture<BrokenDatabaseTests.BreakableFactory>
{
    public sealed class Breaker : DbCommandInterceptor
    {
        public bool Broken { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Broken ? throw new InvalidOperationException("the database is unreachable") : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Broken ? throw new InvalidOperationException("the database is unreachable") : base.ReaderExecuting(command, eventData, result);
    }

    public sealed class BreakableFactory : WartaFactory
    {
        public Breaker Database { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.ConfigureDbContext<SqliteWartaDb>((_, o) => o.AddInterceptors(Database), ServiceLifetime.Singleton);
                services.ConfigureDbContext<PostgresWartaDb>((_, o) => o.AddInterceptors(Database), ServiceLifetime.Singleton);
            });
        }
    }

    [Fact]
    public async Task The_not_found_page_renders_with_the_database_behind_the_header_broken()
    {
        _ = app.Services;
        app.Database.Broken = true;
        try
        {
            var page = await app.ReaderClient().GetPageAsync("/tidak/ada/sama/sekali", 404);
            Assert.Equal("Halaman tidak ditemukan", page.Text("h1"));
            Assert.Equal("WARTA.CO.ID", page.Text(".brand-name"));
            Assert.Equal("/", page.QuerySelector(".error-page a")!.GetAttribute("href"));
        }
        finally
        {
            app.Database.Broken = false;
        }
    }
}
