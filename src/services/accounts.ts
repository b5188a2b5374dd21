// Accounts: users, roles, sessions, API tokens, password resets and exempt-information grants.
export { actorOf } from '../store/accounts.js';
