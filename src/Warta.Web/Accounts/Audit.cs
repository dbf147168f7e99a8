using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Data;

namespace Warta.Web.Accounts;

/// <summary>
/// One line of the append-only audit log: who did what, to what, when and from where. The app only ever inserts these;
/// the database refuses updates and deletes (triggers created by the migration that made the table, on both providers; a later migration that rebuilds the table must create them again), so a line once written stays as written.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The staff user's id, <c>apikey:N</c> for an API key, or null for the system and for unknown sign-in names.</summary>
    public string? ActorId { get; set; }
    /// <summary>The name as it was when the entry was written (email, API key name, or a system actor such as <c>cli</c>).</summary>
    public required string Actor { get; set; }
    /// <summary>A dotted verb from <see cref="AuditActions"/>, e.g. <c>login.failure</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What was acted on: an email, a channel slug, <c>promo:top</c> …</summary>
    public string? Subject { get; set; }
    public string? Detail { get; set; }
    public string? Ip { get; set; }

    public const int ActorIdMax = 100, ActorMax = 200, ActionMax = 60, SubjectMax = 300, DetailMax = 2000, IpMax = 64;
}

/// <summary>The actions recorded; features may add their own dotted names (<c>article.publish</c>).</summary>
public static class AuditActions
{
    public const string LoginSuccess = "login.success";
    public const string LoginFailure = "login.failure";
    public const string Logout = "logout";
    public const string PasswordChange = "password.change";
    public const string TwoFactorOn = "2fa.on";
    public const string TwoFactorOff = "2fa.off";
    public const string RecoveryCodesRenewed = "2fa.recovery-codes";
    public const string InviteCreate = "invite.create";
    public const string InviteRevoke = "invite.revoke";
    public const string InviteAccept = "invite.accept";
    public const string RoleChange = "role.change";
    public const string AccountDisable = "account.disable";
    public const string AccountEnable = "account.enable";
    public const string ApiKeyCreate = "apikey.create";
    public const string ApiKeyRevoke = "apikey.revoke";
    public const string ChannelSave = "channel.save";
    public const string TagSave = "tag.save";
    public const string PersonSave = "person.save";
    public const string PromoSave = "promo.save";
    public const string CourseCreate = "course.create";
    public const string CourseSave = "course.save";
    public const string WireFeedCreate = "wire-feed.create";
    public const string WireFeedSave = "wire-feed.save";
}

/// <summary>
/// Adds entries to the audit log. It only adds to the context: the caller's SaveChanges writes the entry in the same
/// transaction as the change it records, so there is never a change without its entry, nor an entry for a change that failed.
/// </summary>
public static class AuditLog
{
    /// <summary>An entry for the signed-in staff user or the calling API key, from the request's address.</summary>
    public static AuditEntry Add(WartaDb db, TimeProvider clock, HttpContext http, string action, string? subject = null, string? detail = null)
    {
        var user = http.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var actorId = signedIn ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var actor = signedIn ? user.Identity!.Name ?? actorId ?? "?" : "anonim";
        return Append(db, clock, actorId, actor, action, subject, detail, IpOf(http));
    }

    /// <summary>An entry for someone not yet signed in on this request (a sign-in attempt names the account it tried).</summary>
    public static AuditEntry AddAs(WartaDb db, TimeProvider clock, HttpContext http, string? actorId, string actor, string action, string? subject = null, string? detail = null) =>
        Append(db, clock, actorId, actor, action, subject, detail, IpOf(http));

    /// <summary>An entry for a system actor: <c>cli</c>, <c>scheduler</c>, <c>wire</c> …</summary>
    public static AuditEntry Add(WartaDb db, TimeProvider clock, string actor, string action, string? subject = null, string? detail = null) =>
        Append(db, clock, null, actor, action, subject, detail, null);

    static AuditEntry Append(WartaDb db, TimeProvider clock, string? actorId, string actor, string action, string? subject, string? detail, string? ip)
    {
        // Cut rather than fail: an over-long name must never stop the change being recorded.
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = Cut(actorId, AuditEntry.ActorIdMax),
            Actor = Cut(actor, AuditEntry.ActorMax) ?? "?",
            Action = Cut(action, AuditEntry.ActionMax) ?? "?",
            Subject = Cut(subject, AuditEntry.SubjectMax),
            Detail = Cut(detail, AuditEntry.DetailMax),
            Ip = Cut(ip, AuditEntry.IpMax),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    static string? IpOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.Action, e.At });
        b.HasIndex(e => new { e.Actor, e.At });
        b.Property(e => e.ActorId).HasMaxLength(AuditEntry.ActorIdMax);
        b.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorMax);
        b.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMax);
        b.Property(e => e.Subject).HasMaxLength(AuditEntry.SubjectMax);
        b.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailMax);
        b.Property(e => e.Ip).HasMaxLength(AuditEntry.IpMax);
    }
}
