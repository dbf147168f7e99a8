using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// A reader's account: anyone may open one. Its tables are its own (Readers, ReaderClaims, ReaderLogins, ReaderTokens),
/// apart from the staff's, so the same address can be a reader and a staff member without either seeing the other.
/// </summary>
public sealed class ReaderUser : IdentityUser<Guid>
{
    public ReaderUser()
    {
        Id = Guid.CreateVersion7();
    }

    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Whether the reader may pay for anything (a plan, a course): the address must be confirmed, so receipts, invoices and
    /// a course's tickets reach the person who paid. An unconfirmed reader may sign in, read (within the meter) and use the
    /// account pages; only buying waits for the confirmation link.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public bool MayPurchase => EmailConfirmed && DisabledAt is null;

    /// <summary>Set when the account is closed or blocked: it cannot sign in, and its open sessions end on their next request.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

sealed class ReaderUserConfiguration : IEntityTypeConfiguration<ReaderUser>
{
    public void Configure(EntityTypeBuilder<ReaderUser> b)
    {
        b.ToTable("Readers");
        b.HasKey(u => u.Id);
        // Index names are the table's own: on PostgreSQL an index name must be unique in the schema, and the staff
        // tables already use Identity's "UserNameIndex" and "EmailIndex".
        b.HasIndex(u => u.NormalizedUserName).IsUnique();
        b.HasIndex(u => u.NormalizedEmail).IsUnique();
        b.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        b.Property(u => u.UserName).HasMaxLength(256);
        b.Property(u => u.NormalizedUserName).HasMaxLength(256);
        b.Property(u => u.Email).HasMaxLength(256);
        b.Property(u => u.NormalizedEmail).HasMaxLength(256);
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasMany<IdentityUserClaim<Guid>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
        b.HasMany<IdentityUserLogin<Guid>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
        b.HasMany<IdentityUserToken<Guid>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
    }
}

sealed class ReaderClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> b)
    {
        b.ToTable("ReaderClaims");
        b.HasKey(c => c.Id);
    }
}

sealed class ReaderLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b)
    {
        b.ToTable("ReaderLogins");
        b.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        b.Property(l => l.LoginProvider).HasMaxLength(128);
        b.Property(l => l.ProviderKey).HasMaxLength(128);
    }
}

sealed class ReaderTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b)
    {
        b.ToTable("ReaderTokens");
        b.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        b.Property(t => t.LoginProvider).HasMaxLength(128);
        b.Property(t => t.Name).HasMaxLength(128);
    }
}
