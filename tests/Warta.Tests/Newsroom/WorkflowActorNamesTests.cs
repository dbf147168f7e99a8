using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Tests.Newsroom;

/// <summary>Work done by no person shows in a story's history under the name of what did it: the system, the scheduler.</summary>
public class WorkflowActorNamesTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task A_story_saved_by_the_system_and_published_by_the_scheduler_shows_Sistem_and_Penjadwal_in_its_history()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        var due = app.Clock.GetUtcNow().AddMinutes(30);
        Guid id;
        using (var scope = app.Services.CreateScope())
        {
            // No actor: as wire ingest and demo seeding save a story.
            var (saved, errors) = await scope.ServiceProvider.GetRequiredService<ArticleWriter>().SaveAsync(null, new ArticleInput
            {
                Title = "Cadangan Devisa Naik Jadi 150 Miliar Dolar", Channel = "ekonomi", Kind = ArticleKind.News,
                Reporters = ["Dewi Lestari"], Editor = "Agus Salim", Dateline = "Jakarta", Summary = "Cadangan devisa naik.",
                Body = "<p>Cadangan devisa Indonesia naik pada akhir bulan.</p><p>Bank Indonesia menyebut ekspor sebagai pendorongnya.</p>",
                Status = ArticleStatus.Scheduled, PublishedAt = due,
            });
            Assert.False(errors.Any, string.Join("; ", errors.Fields));
            id = saved!.Id;
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ArticleWriter>().PublishDueAsync(due));
        }

        var editor = await app.StaffAsync(StaffRoles.Editor, "Rina Editor");
        var history = await editor.Http.GetPageAsync($"/redaksi/sunting/{id}/revisi");
        var byWhom = history.QuerySelectorAll("table.revisions tbody tr").Select(row => row.QuerySelectorAll("td")[4].TextContent).ToList();
        Assert.Equal(["Penjadwal", "Sistem"], byWhom);

        var revisions = await api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{id}/revisions");
        Assert.Equal(["Sistem", "Penjadwal"], revisions.EnumerateArray().Select(r => r.GetProperty("authorName").GetString()));
    }
}
