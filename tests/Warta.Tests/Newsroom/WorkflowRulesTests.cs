using System.Security.Claims;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using static Warta.Web.Content.ArticleStatus;

namespace Warta.Tests.Newsroom;

/// <summary>The newsroom's rights as a table: every rank, every status, every move, each with its one right answer.</summary>
public class WorkflowRulesTests
{
    static readonly Actor Writer = new("penulis-1", "Dewi", StaffRank.Writer);
    static readonly Actor Editor = new("editor-1", "Rina", StaffRank.Editor);
    static readonly Actor Admin = new("admin-1", "Agus", StaffRank.Admin);
    static readonly ArticleStatus[] Statuses = Enum.GetValues<ArticleStatus>();
    static readonly ArticleStatus?[] Origins = [null, .. Statuses.Select(s => (ArticleStatus?)s)];

    const string WriterOnlyDrafts = "Penulis hanya dapat menyimpan draf dan mengirimnya untuk ditinjau.";
    const string WriterTooLate = "Berita ini sudah tidak dapat diubah oleh penulis.";
    const string PublishedFirstUnpublish = "Berita yang sudah terbit harus ditarik dulu sebelum dijadikan draf, dikembalikan atau dijadwalkan ulang.";
    const string NewCannotReturn = "Berita baru tidak dapat dikembalikan.";
    const string OnlySubmittedReturn = "Hanya berita yang dikirim untuk ditinjau yang dapat dikembalikan.";
    const string OnlyPublishedUnpublish = "Hanya berita yang sudah terbit yang dapat ditarik.";

    [Fact]
    public void Writers_save_drafts_and_submit_only_their_own_open_stories()
    {
        foreach (var from in Origins)
        foreach (var to in Statuses)
        {
            var expected = to is not (Draft or Submitted) ? WriterOnlyDrafts
                : from is null or Draft or Returned ? null
                : WriterTooLate;
            Assert.True(expected == Workflow.RefuseTransition(Writer, from, to), $"writer {from}→{to}: {Workflow.RefuseTransition(Writer, from, to)}");
        }
    }

    [Fact]
    public void Editors_and_admins_move_stories_anywhere_but_these()
    {
        var refused = new Dictionary<(ArticleStatus?, ArticleStatus), string>
        {
            [(Published, Draft)] = PublishedFirstUnpublish,
            [(Published, Submitted)] = PublishedFirstUnpublish,
            [(Published, Returned)] = PublishedFirstUnpublish,
            [(Published, Scheduled)] = PublishedFirstUnpublish,
            [(null, Returned)] = NewCannotReturn,
            [(Draft, Returned)] = OnlySubmittedReturn,
            [(Scheduled, Returned)] = OnlySubmittedReturn,
            [(Unpublished, Returned)] = OnlySubmittedReturn,
            [(null, Unpublished)] = OnlyPublishedUnpublish,
            [(Draft, Unpublished)] = OnlyPublishedUnpublish,
            [(Submitted, Unpublished)] = OnlyPublishedUnpublish,
            [(Returned, Unpublished)] = OnlyPublishedUnpublish,
            [(Scheduled, Unpublished)] = OnlyPublishedUnpublish,
        };
        foreach (var actor in new[] { Editor, Admin, Actor.System, Actor.Scheduler, Actor.ApiKey("cms") })
        foreach (var from in Origins)
        foreach (var to in Statuses)
        {
            var expected = refused.GetValueOrDefault((from, to));
            Assert.True(expected == Workflow.RefuseTransition(actor, from, to), $"{actor.Name} {from}→{to}: {Workflow.RefuseTransition(actor, from, to)}");
        }
    }

    [Fact]
    public void Writers_read_and_edit_only_their_own_and_edit_only_while_open()
    {
        Assert.True(StoryAccess.CanRead(Writer, Writer.UserId));
        Assert.False(StoryAccess.CanRead(Writer, Editor.UserId));
        Assert.False(StoryAccess.CanRead(Writer, null));
        Assert.False(StoryAccess.CanRead(new Actor(null, "Tanpa akun", StaffRank.Writer), null));
        foreach (var status in Statuses)
        {
            Assert.Equal(status is Draft or Returned, Workflow.CanEdit(Writer, Writer.UserId, status));
            Assert.False(Workflow.CanEdit(Writer, Editor.UserId, status));
            Assert.False(Workflow.CanEdit(Writer, null, status));
        }
    }

    [Fact]
    public void Editors_admins_and_keys_read_and_edit_every_story()
    {
        foreach (var actor in new[] { Editor, Admin, Actor.System, Actor.ApiKey("cms") })
        {
            Assert.True(actor.IsEditor);
            Assert.True(StoryAccess.CanRead(actor, Writer.UserId));
            Assert.True(StoryAccess.CanRead(actor, null));
            foreach (var status in Statuses) Assert.True(Workflow.CanEdit(actor, Writer.UserId, status));
        }
        Assert.False(Writer.IsEditor);
    }

    [Fact]
    public void Names_every_status_in_Indonesian()
    {
        Assert.Equal(["Draf", "Menunggu tinjauan", "Dikembalikan", "Terjadwal", "Terbit", "Ditarik"], Statuses.Select(StoryAccess.Label));
        Assert.Equal("99", StoryAccess.Label((ArticleStatus)99));
    }

    static ClaimsPrincipal Signed(string? authenticationType, params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), authenticationType));

    [Fact]
    public void Knows_the_actor_behind_a_request_by_role_or_key()
    {
        Assert.Equal(new Actor("u1", "Agus", StaffRank.Admin),
            Actor.From(Signed("Cookies", (ClaimTypes.NameIdentifier, "u1"), (ClaimTypes.Name, "Agus"), (ClaimTypes.Role, StaffRoles.Admin), (ClaimTypes.Role, StaffRoles.Writer))));
        Assert.Equal(new Actor("u2", "Rina", StaffRank.Editor),
            Actor.From(Signed("Cookies", (ClaimTypes.NameIdentifier, "u2"), (ClaimTypes.Name, "Rina"), (ClaimTypes.Role, StaffRoles.Editor), (ClaimTypes.Role, StaffRoles.Writer))));
        Assert.Equal(new Actor("u3", "u3", StaffRank.Writer),
            Actor.From(Signed("Cookies", (ClaimTypes.NameIdentifier, "u3"), (ClaimTypes.Role, StaffRoles.Writer))));
        Assert.Equal(new Actor(null, "API: cms", StaffRank.Editor), Actor.From(Signed(ApiAuth.Scheme, (ClaimTypes.Name, "cms"))));
        Assert.Equal(new Actor(null, "API: key", StaffRank.Editor), Actor.From(Signed(ApiAuth.Scheme)));
    }

    [Fact]
    public void Knows_no_actor_without_a_sign_in_an_account_or_a_staff_role()
    {
        Assert.Null(Actor.From(Signed(null, (ClaimTypes.NameIdentifier, "u1"), (ClaimTypes.Role, StaffRoles.Admin))));
        Assert.Null(Actor.From(Signed("Cookies", (ClaimTypes.Name, "Agus"), (ClaimTypes.Role, StaffRoles.Admin))));
        Assert.Null(Actor.From(Signed("Cookies", (ClaimTypes.NameIdentifier, "u9"), (ClaimTypes.Role, "Reader"))));
    }
}
