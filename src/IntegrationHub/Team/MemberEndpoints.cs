using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Team;

/// <summary>
/// The members page's actions over HTTP, for scripts and tests (the interactive page calls <see cref="MembersService"/>
/// on its circuit): form binding, so antiforgery is checked. Owners only, here and in the service; ids of another
/// tenant answer 404 and change nothing.
/// </summary>
internal static class MemberEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/settings/members").RequireAuthorization(Policies.TenantOwner);
        // The link is in this answer only: never cached, never in a URL.
        group.MapPost("/invitations", async ([FromForm] string? email, [FromForm] string? role, MembersService members, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await members.InviteAsync(email, role ?? Roles.Member, ct);
            http.Response.Headers.CacheControl = "no-store";
            return outcome.Link is null ? Results.BadRequest(new { error = outcome.Error }) : Results.Ok(new { link = outcome.Link });
        });
        group.MapPost("/role", async ([FromForm] Guid userId, [FromForm] string role, MembersService members, CancellationToken ct) =>
            Back(await members.ChangeRoleAsync(userId, role, ct), $"Role changed to {role}."));
        group.MapPost("/remove", async ([FromForm] Guid userId, MembersService members, CancellationToken ct) =>
            Back(await members.RemoveAsync(userId, ct), "Member removed."));
        group.MapPost("/invitations/revoke", async ([FromForm] Guid invitationId, MembersService members, CancellationToken ct) =>
            Back(await members.RevokeInvitationAsync(invitationId, ct), "Invitation revoked: its link no longer works."));
    }

    private static IResult Back(MemberChange change, string done) => change switch
    {
        MemberChange.Done => Results.Redirect("/settings/members?notice=" + Uri.EscapeDataString(done)),
        MemberChange.LastOwner => Results.Redirect("/settings/members?error=" + Uri.EscapeDataString(
            "A tenant needs at least one owner: make someone else an owner first.")),
        MemberChange.UnknownRole => Results.BadRequest("The role must be owner or member."),
        _ => Results.NotFound(),
    };
}
