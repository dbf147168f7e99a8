using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>
/// The editor's tag suggestions: the most used tags first (then by name), at most <see cref="TagSuggestions.Count"/>, kept
/// between loads and brought up to date by the saves that change them.
/// </summary>
public class TagSuggestionTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    StaffClient _editor = null!;

    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        _editor = await app.StaffAsync(StaffRoles.Editor, "Rina Saran");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<List<string>> SuggestionsAsync()
    {
        var page = await _editor.Http.GetPageAsync($"/redaksi/sunting/{Guid.CreateVersion7()}");
        return page.QuerySelectorAll("#tag-suggestions option").Select(o => o.GetAttribute("value")!).ToList();
    }

    async Task<Guid> StoryAsync(string title, string tags)
    {
        var id = Guid.CreateVersion7();
        var fields = StaffClient.Story(title);
        fields["Form.Tags"] = tags;
        fields["action"] = "simpan";
        var (status, _, _) = await _editor.PostFormAsync($"/redaksi/sunting/{id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, status);
        return id;
    }

    [Fact]
    public async Task Suggestions_rank_by_stories_then_name_leave_out_all_but_the_first_300_and_follow_every_change()
    {
        // 301 tags no story carries yet: with none used, the first 300 by name are suggested and the last is left out.
        await app.InDbAsync(async db =>
        {
            for (var i = 0; i < TagSuggestions.Count + 1; i++) db.Tags.Add(new Tag { Slug = $"cadangan-{i:000}", Name = $"cadangan {i:000}" });
            return await db.SaveChangesAsync();
        });
        var first = await SuggestionsAsync();
        Assert.Equal(TagSuggestions.Count, first.Count);
        Assert.Equal(Enumerable.Range(0, TagSuggestions.Count).Select(i => $"cadangan {i:000}"), first);

        // Stories rank their tags above unused ones, the most used first, ties by name; the same list comes back on the next load.
        var one = await StoryAsync("Rupiah Menguat di Pasar Spot", "zona ekonomi, rupiah");
        await StoryAsync("Rupiah Melemah Sore Ini", "rupiah, obligasi");
        var ranked = await SuggestionsAsync();
        Assert.Equal(["rupiah", "obligasi", "zona ekonomi", "cadangan 000"], ranked.Take(4));
        Assert.Equal(TagSuggestions.Count, ranked.Count);
        Assert.DoesNotContain("cadangan 297", ranked);
        Assert.Equal(ranked, await SuggestionsAsync());

        // A save that changes a story's tags re-ranks them on the next load.
        var (status, _) = await _editor.ActAsync(one, "simpan", f => f["Form.Tags"] = "zona ekonomi, obligasi, cadangan 300");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(["obligasi", "cadangan 300", "rupiah", "zona ekonomi", "cadangan 000"], (await SuggestionsAsync()).Take(5));

        // A tag renamed by an admin is suggested under its new name at once.
        var tagId = await app.InDbAsync(db => db.Tags.Where(t => t.Slug == "obligasi").Select(t => t.Id).SingleAsync());
        var admin = await app.StaffAsync(StaffRoles.Admin, "Admin Saran");
        var (renamed, _, _) = await admin.PostFormAsync("/redaksi/admin/tag?handler=Save",
            new Dictionary<string, string?> { ["id"] = tagId.ToString(), ["name"] = "obligasi negara", ["slug"] = "obligasi" });
        Assert.Equal(HttpStatusCode.OK, renamed);
        var after = await SuggestionsAsync();
        Assert.Equal("obligasi negara", after[0]);
        Assert.DoesNotContain("obligasi", after);
    }
}
