/** Demo accounts; the README names them. Override with DEMO_ADMIN_PASSWORD / DEMO_EDITOR_PASSWORD. */
export const demoUsers = () => [
  {
    email: process.env.DEMO_ADMIN_EMAIL || 'admin@example.com',
    name: 'Ada Admin',
    password: process.env.DEMO_ADMIN_PASSWORD || 'admin-demo-2026',
    role: 'admin' as const,
  },
  {
    email: process.env.DEMO_EDITOR_EMAIL || 'editor@example.com',
    name: 'Emil Editor',
    password: process.env.DEMO_EDITOR_PASSWORD || 'editor-demo-2026',
    role: 'editor' as const,
  },
]
