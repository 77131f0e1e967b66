"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { AuthFrame } from "@/components/auth/auth-frame";
import { RegisterForm } from "@/components/auth/register-form";

export default function RegisterPage() {
  const router = useRouter();
  return (
    <AuthFrame
      title="Create your account"
      intro="The first account of this Stakazo becomes the admin of a new workspace."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/signin" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600">
            Sign in
          </Link>
        </>
      }
    >
      <RegisterForm onRegistered={() => router.replace("/")} />
    </AuthFrame>
  );
}
