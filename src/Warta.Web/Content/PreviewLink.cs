using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Accounts;

namespace Warta.Web.Content;

/// <summary>A link that lets anyone holding it read an unpublished story until it expires or is revoked. Only a hash of the token is stored.</summary>
public sealed class PreviewLink
{
    public Guid Id { get; set; }
    public Guid ArticleId { get; set; }
    public required string TokenHash { get; set; }
    public string? CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The longest a preview link lives: 7 days.</summary>
    public const int MaxHours = 24 * 7;

    /// <summary>A new token: 256 random bits, URL-safe.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => ApiAuth.Hash(token);

    public static string UrlOf(string token) => "/pratinjau/" + token;
}

sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> b)
    {
        b.HasIndex(p => p.TokenHash).IsUnique();
        b.HasIndex(p => p.ArticleId);
        b.Property(p => p.TokenHash).HasMaxLength(100);
        b.Property(p => p.CreatedById).HasMaxLength(450);
        b.Property(p => p.CreatedByName).HasMaxLength(300);
        b.HasOne<Article>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
