using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Accounts.Staff;

/// <summary>
/// An admin's one-time invitation for a new staff member. Only a hash of the link's secret is stored; the link works once
/// (accepting sets <see cref="AcceptedAt"/> with a conditional update) and not after <see cref="ExpiresAt"/>.
/// </summary>
public sealed class StaffInvite
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedUserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

sealed class StaffInviteConfiguration : IEntityTypeConfiguration<StaffInvite>
{
    public void Configure(EntityTypeBuilder<StaffInvite> b)
    {
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.CreatedAt);
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.Name).HasMaxLength(120);
        b.Property(i => i.Role).HasMaxLength(20);
        b.Property(i => i.TokenHash).HasMaxLength(100);
        b.Property(i => i.CreatedById).HasMaxLength(450);
        b.Property(i => i.AcceptedUserId).HasMaxLength(450);
    }
}
