# The classical and HC3 standard errors of y ~ x1 + x2 in exact rational
# arithmetic (each double of the input read exactly): the reference where
# R's lm and sandwich lose digits to near-collinearity.
# Usage: python3 exact-se.py nearly-collinear.tsv >nearly-collinear-se.tsv
import sys
from fractions import Fraction as F
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
X=[[F(1),F(float(r[1])),F(float(r[2]))] for r in rows]; y=[F(float(r[0])) for r in rows]
n=len(X);p=3
def inv(A):
    m=len(A); M=[row[:]+[F(int(i==j)) for j in range(m)] for i,row in enumerate(A)]
    for c in range(m):
        piv=next(r for r in range(c,m) if M[r][c]!=0); M[c],M[piv]=M[piv],M[c]
        pv=M[c][c]; M[c]=[v/pv for v in M[c]]
        for r in range(m):
            if r!=c and M[r][c]!=0:
                f=M[r][c]; M[r]=[a-f*b for a,b in zip(M[r],M[c])]
    return [row[m:] for row in M]
XtX=[[sum(X[i][a]*X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
B=inv(XtX)
Xty=[sum(X[i][a]*y[i] for i in range(n)) for a in range(p)]
beta=[sum(B[a][b]*Xty[b] for b in range(p)) for a in range(p)]
e=[y[i]-sum(X[i][a]*beta[a] for a in range(p)) for i in range(n)]
h=[sum(X[i][a]*B[a][b]*X[i][b] for a in range(p) for b in range(p)) for i in range(n)]
w=[e[i]**2/(1-h[i])**2 for i in range(n)]
M=[[sum(X[i][a]*w[i]*X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
T=[[sum(B[a][k]*M[k][b] for k in range(p)) for b in range(p)] for a in range(p)]
C=[[sum(T[a][k]*B[k][b] for k in range(p)) for b in range(p)] for a in range(p)]
import math
s2=sum(v*v for v in e)/(n-p)
print("term\tse\tse_hc3")
for k,name in enumerate(["(Intercept)","x1","x2"]):
    print("%s\t%.17g\t%.17g" % (name, math.sqrt(float(s2*B[k][k])), math.sqrt(float(C[k][k]))))
