global using IdentityUserClaimOf = Microsoft.AspNetCore.Identity.IdentityUserClaim<System.Guid>;
global using IdentityUserLoginOf = Microsoft.AspNetCore.Identity.IdentityUserLogin<System.Guid>;
global using IdentityUserTokenOf = Microsoft.AspNetCore.Identity.IdentityUserToken<System.Guid>;
