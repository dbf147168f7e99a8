using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Tests.Operations;

/// <summary>Scheduled stories go out when due, also when the server was down at that moment, and exactly once across nodes.</summary>
public class SchedulingTests
{
    static readonly Dictionary<string, string?> NoSettings = new();

    [Fact]
    public async Task A_story_due_while_the_server_was_down_goes_out_when_it_starts_and_exactly_once_with_two_nodes()
    {
        // The database's owner stays up only to hold the database; its clock never reaches the schedule.
        using var owner = new WartaNode(null, NoSettings);
        var ownerApi = await owner.ApiClientAsync();
        await ownerApi.EnsureChannelAsync("ekonomi", "Ekonomi");

        Saved first;
        using (var before = new WartaNode(owner, NoSettings))
        {
            var api = await before.ApiClientAsync();
            var story = NewsroomApi.Story("Rilis Data PDB Kuartal Kedua", status: "scheduled");
            story["publishedAt"] = before.Clock.GetUtcNow().AddMinutes(10).ToString("O");
            first = await api.PublishAsync(story);
            await before.ReaderClient().GetPageAsync(first.Url, 404);
        }

        // Down past the story's time; on start the publisher's first round puts it out.
        using var nodeA = new WartaNode(owner, NoSettings);
        nodeA.Clock.Advance(TimeSpan.FromMinutes(11));
        var published = await nodeA.Services.GetRequiredService<ScheduledPublisher>().FirstRound.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, published);
        var page = await nodeA.ReaderClient().GetPageAsync(first.Url);
        Assert.Equal("Rilis Data PDB Kuartal Kedua", page.Text("article.story h1"));

        // Two nodes run the same round at the same moment: one of them publishes it.
        var second = NewsroomApi.Story("Lelang Surat Utang Negara Pekan Depan", status: "scheduled");
        second["publishedAt"] = owner.Clock.GetUtcNow().AddHours(1).ToString("O");
        var secondSaved = await ownerApi.PublishAsync(second);
        using var nodeB = new WartaNode(owner, NoSettings);
        nodeB.Clock.Advance(TimeSpan.FromMinutes(11));
        await nodeB.Services.GetRequiredService<ScheduledPublisher>().FirstRound.WaitAsync(TimeSpan.FromMinutes(1));

        var due = owner.Clock.GetUtcNow().AddHours(2);
        using var scopeA = nodeA.Services.CreateScope();
        using var scopeB = nodeB.Services.CreateScope();
        var counts = await Task.WhenAll(
            scopeA.ServiceProvider.GetRequiredService<ArticleWriter>().PublishDueAsync(due),
            scopeB.ServiceProvider.GetRequiredService<ArticleWriter>().PublishDueAsync(due));
        Assert.Equal(1, counts.Sum());

        var revisions = await owner.InDbAsync(db => db.ArticleRevisions.Where(r => r.Kind == RevisionKind.Scheduled).Select(r => r.ArticleId).ToListAsync());
        Assert.Equal(new[] { first.Id, secondSaved.Id }.Order(), revisions.Order());
        Assert.Equal(1, await owner.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "article.publish" && e.Actor == "scheduler" && e.Subject!.Contains(secondSaved.Id.ToString()))));
        var story2 = await owner.ArticleAsync(secondSaved.Id);
        Assert.Equal((ArticleStatus.Published, 2), (story2.Status, story2.Version));
        nodeB.Clock.Advance(TimeSpan.FromHours(2));
        await nodeB.ReaderClient().GetPageAsync(secondSaved.Url);
    }
}
