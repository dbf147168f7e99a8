using AngleSharp.Html.Dom;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>The desk's tabs page through their stories: page 2 holds the next stories, none repeated, none from elsewhere.</summary>
public class DeskPagingTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    static List<string> Titles(IHtmlDocument page) => page.QuerySelectorAll("table.desk tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    static List<string> Links(IHtmlDocument page) => page.QuerySelectorAll("nav.desk-pager a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task My_drafts_page_through_newest_change_first_without_other_peoples_drafts()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var editor = await app.StaffAsync(StaffRoles.Editor, "Rina Meja");
        var writer = await app.StaffAsync(StaffRoles.Writer, "Dewi Meja");
        const int drafts = DeskModel.PageSize + 5;
        for (var n = 1; n <= drafts; n++)
        {
            await editor.DraftAsync($"Draf meja {n:00}");
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await writer.DraftAsync("Draf penulis lain");

        var first = await editor.Http.GetPageAsync("/redaksi?tampilan=draf");
        var second = await editor.Http.GetPageAsync("/redaksi?tampilan=draf&halaman=2");
        var newestFirst = Enumerable.Range(1, drafts).Reverse().Select(n => $"Draf meja {n:00}").ToList();
        Assert.Equal(newestFirst.Take(DeskModel.PageSize), Titles(first));
        Assert.Equal(newestFirst.Skip(DeskModel.PageSize), Titles(second));
        Assert.Equal(["/redaksi?tampilan=draf&halaman=2"], Links(first));
        Assert.Equal(["/redaksi?tampilan=draf&halaman=1"], Links(second));
        Assert.Empty(Titles(await editor.Http.GetPageAsync("/redaksi?tampilan=draf&halaman=3")));
    }

    [Fact]
    public async Task Published_today_pages_through_todays_stories_only_newest_first()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("pasar", "Pasar");
        var editor = await app.StaffAsync(StaffRoles.Editor, "Rina Meja");
        var now = app.Clock.GetUtcNow();
        const int today = DeskModel.PageSize + 2;
        for (var n = 1; n <= today; n++)
        {
            var story = NewsroomApi.Story($"Terbit hari ini {n:00}", "pasar");
            story["publishedAt"] = now.AddMinutes(-n).ToString("O");
            await api.PublishAsync(story);
        }
        // 03:23 UTC is 10:23 WIB; eleven hours earlier is yesterday in Jakarta.
        var yesterday = NewsroomApi.Story("Terbit kemarin", "pasar");
        yesterday["publishedAt"] = now.AddHours(-11).ToString("O");
        await api.PublishAsync(yesterday);

        var first = await editor.Http.GetPageAsync("/redaksi?tampilan=hari-ini");
        var second = await editor.Http.GetPageAsync("/redaksi?tampilan=hari-ini&halaman=2");
        var newestFirst = Enumerable.Range(1, today).Select(n => $"Terbit hari ini {n:00}").ToList();
        Assert.Equal(newestFirst.Take(DeskModel.PageSize), Titles(first));
        Assert.Equal(newestFirst.Skip(DeskModel.PageSize), Titles(second));
        Assert.DoesNotContain("Terbit kemarin", Titles(first).Concat(Titles(second)));
    }
}
