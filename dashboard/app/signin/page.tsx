"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { AuthFrame } from "@/components/auth/auth-frame";
import { RegisterLink, SignInForm } from "@/components/auth/signin-form";
import { safeNext } from "@/lib/auth";

function SignIn() {
  const router = useRouter();
  const next = safeNext(useSearchParams().get("next"));
  return <SignInForm onSignedIn={() => router.replace(next)} />;
}

export default function SignInPage() {
  return (
    <AuthFrame title="Sign in" intro="Welcome back. Sign in to your workspace." footer={<RegisterLink />}>
      <Suspense fallback={null}>
        <SignIn />
      </Suspense>
    </AuthFrame>
  );
}
