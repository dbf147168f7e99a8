using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;

namespace Warta.Tests.Newsroom;

/// <summary>
/// Which stories a writer may pick by hand for Baca Juga (by id or by address): their own, even unpublished, and what readers
/// can already read, but never another writer's draft or a story still waiting for its time; an editor may pick any.
/// The editor page shows the picked stories' headlines only when the person may see them.
/// </summary>
public class WorkflowReadableTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    StaffClient _writer = null!;
    StaffClient _otherWriter = null!;
    StaffClient _editor = null!;
    Guid _ownDraft;
    Guid _othersDraft;
    Saved _published = null!;
    Saved _scheduled = null!;

    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        _writer = await app.StaffAsync(StaffRoles.Writer, "Sari Penulis");
        _otherWriter = await app.StaffAsync(StaffRoles.Writer, "Joko Penulis");
        _editor = await app.StaffAsync(StaffRoles.Editor, "Rina Editor");
        _ownDraft = await _writer.DraftAsync("Draf Sari tentang Harga Beras");
        _othersDraft = await _otherWriter.DraftAsync("Draf Joko tentang Tarif Listrik");
        _published = await api.PublishAsync(NewsroomApi.Story("Inflasi November Terkendali"));
        var scheduled = NewsroomApi.Story("Neraca Perdagangan Akan Dirilis Besok", status: "scheduled");
        scheduled["publishedAt"] = app.Clock.GetUtcNow().AddDays(1).ToString("O");
        _scheduled = await api.PublishAsync(scheduled);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Saves a new story as <paramref name="who"/> with Baca Juga picked by hand, one id or address a line.</summary>
    static async Task<(Guid Id, HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page)> SaveWithRelatedAsync(StaffClient who, string title, params string[] related)
    {
        var id = Guid.CreateVersion7();
        var fields = StaffClient.Story(title);
        fields["Form.Related"] = string.Join("\n", related);
        fields["action"] = "simpan";
        var (status, page, _) = await who.PostFormAsync($"/redaksi/sunting/{id}", fields);
        return (id, status, page);
    }

    static List<string> RelatedHeadlines(AngleSharp.Html.Dom.IHtmlDocument editorPage) =>
        editorPage.QuerySelectorAll("ol.related-list li").Select(li => li.TextContent).ToList();

    [Fact]
    public async Task A_writer_picks_their_own_unpublished_story_by_id_and_a_published_one_by_address_and_sees_both_headlines()
    {
        var (id, status, _) = await SaveWithRelatedAsync(_writer, "Harga Gabah di Tingkat Petani", _ownDraft.ToString(), _published.Url);
        Assert.Equal(HttpStatusCode.Redirect, status);

        var page = await _writer.Http.GetPageAsync($"/redaksi/sunting/{id}");
        Assert.Equal(["Draf Sari tentang Harga Beras", "Inflasi November Terkendali"], RelatedHeadlines(page));
    }

    [Fact]
    public async Task A_writer_cannot_pick_another_writers_draft_and_its_headline_is_not_shown_to_them()
    {
        var (id, status, page) = await SaveWithRelatedAsync(_writer, "Tarif Listrik Rumah Tangga", _published.Id.ToString(), _othersDraft.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["related"], page.QuerySelectorAll(".alert li[data-field]").Select(li => li.GetAttribute("data-field")));
        Assert.Equal(["Inflasi November Terkendali"], RelatedHeadlines(page));
        Assert.False(await app.InDbAsync(db => db.Articles.AnyAsync(a => a.Id == id)));
    }

    [Fact]
    public async Task A_writer_cannot_pick_a_story_that_waits_for_its_publication_time()
    {
        var (id, status, page) = await SaveWithRelatedAsync(_writer, "Ekspor Nonmigas Naik", _scheduled.Url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["related"], page.QuerySelectorAll(".alert li[data-field]").Select(li => li.GetAttribute("data-field")));
        Assert.Empty(RelatedHeadlines(page));
        Assert.False(await app.InDbAsync(db => db.Articles.AnyAsync(a => a.Id == id)));
    }

    [Fact]
    public async Task An_editor_picks_any_story_a_writers_draft_and_a_scheduled_one_included()
    {
        var (id, status, _) = await SaveWithRelatedAsync(_editor, "Rangkuman Ekonomi Pekan Ini",
            _othersDraft.ToString(), _ownDraft.ToString(), _scheduled.Url, _published.Url);
        Assert.Equal(HttpStatusCode.Redirect, status);

        var page = await _editor.Http.GetPageAsync($"/redaksi/sunting/{id}");
        Assert.Equal(["Draf Joko tentang Tarif Listrik", "Draf Sari tentang Harga Beras", "Neraca Perdagangan Akan Dirilis Besok", "Inflasi November Terkendali"],
            RelatedHeadlines(page));
    }
}
